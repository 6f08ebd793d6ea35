import type { ServerResponse } from 'node:http';
import type { HeaderMap } from './send-response.js';

/**
 * Writes Server-Sent Events. Every event leaves in the same tick it is written (Nagle is
 * off on the proxy's sockets); events written within one tick, such as the chunks the mesh
 * buffered while it waited for the first content, are corked into one packet, which delays
 * nothing. A slow reader gets backpressure: the writer waits for `drain` instead of growing
 * a buffer.
 */
export class SseWriter {
  private corked = false;
  private readonly uncork = () => {
    if (!this.corked) return;
    this.corked = false;
    this.res.uncork();
  };

  constructor(private readonly res: ServerResponse) {}

  /** Sets the status line and headers; they leave with the first event. */
  open(headers: HeaderMap): void {
    this.res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // Tells nginx-like reverse proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
  }

  /** Whether the connection can still take events. */
  get writable(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }

  /** Sends `data: <payload>`; resolves when it is handed to the socket (or the socket is gone). */
  data(payload: string): Promise<void> {
    return this.write(`data: ${payload}\n\n`);
  }

  /** Sends a named event, `event: <name>` then `data: <payload>`, as the Responses and Messages APIs stream. */
  event(name: string, payload: string): Promise<void> {
    return this.write(`event: ${name}\ndata: ${payload}\n\n`);
  }

  /** Sends an SSE comment line, which clients ignore but raw readers can see. */
  comment(text: string): Promise<void> {
    return this.write(`: ${text.replace(/\n/g, ' ')}\n\n`);
  }

  /** Ends the response. */
  end(): void {
    this.uncork();
    if (this.writable) this.res.end();
  }

  private write(text: string): Promise<void> {
    if (!this.writable) return Promise.resolve();
    if (!this.corked) {
      this.corked = true;
      this.res.cork();
      process.nextTick(this.uncork);
    }
    if (this.res.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done).off('close', done);
        resolve();
      };
      this.res.on('drain', done).on('close', done);
    });
  }
}
