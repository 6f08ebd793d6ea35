import type { ServerResponse } from 'node:http';
import type { HeaderMap } from './send-response.js';

/**
 * What a write gives: undefined when the socket took the event, or a promise that resolves
 * once a slow reader has drained it (or the socket is gone). Not a promise every time: a slow
 * stream writes one event per upstream chunk, and thousands of them are open at once.
 */
export type Written = Promise<void> | undefined;

/**
 * Writes Server-Sent Events. Every event leaves as it is written (Nagle is off on the proxy's
 * sockets). A slow reader gets backpressure: the writer waits for `drain` instead of growing a
 * buffer.
 *
 * Why not cork each tick's events into one packet: a stream writes one event per tick nearly
 * always, and corking it (a buffered write, a `nextTick`, a `writev`) cost ~600 B of garbage
 * per event in the slow-streams benchmark (sampling heap profiler, 1,000 streams). Only the
 * first events of a stream, which the mesh buffered while it waited for the first content,
 * come several in one tick: a packet or two more per stream.
 */
export class SseWriter {
  constructor(private readonly res: ServerResponse) {}

  /**
   * Sets the status line and headers; they leave with the first event. `headers` becomes the
   * writer's (it adds its own to it): a spread copy with three more keys cost ~1.1 KB per
   * opened stream, this ~0.1 KB (sampling heap profiler, 1,000 slow streams opened).
   */
  open(headers: HeaderMap): void {
    headers['content-type'] = 'text/event-stream; charset=utf-8';
    headers['cache-control'] = 'no-cache, no-transform';
    // Tells nginx-like reverse proxies not to buffer the stream.
    headers['x-accel-buffering'] = 'no';
    this.res.writeHead(200, headers);
  }

  /** Whether the connection can still take events. */
  get writable(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }

  /** Sends `data: <payload>`. */
  data(payload: string): Written {
    return this.write(`data: ${payload}\n\n`);
  }

  /** Sends a named event, `event: <name>` then `data: <payload>`, as the Responses and Messages APIs stream. */
  event(name: string, payload: string): Written {
    return this.write(`event: ${name}\ndata: ${payload}\n\n`);
  }

  /**
   * Sends named events in order (`nameOf` and `payloadOf` say each one's name and data); when
   * one must wait for a slow reader, the rest follow once it has drained.
   */
  events<T>(items: readonly T[], nameOf: (item: T) => string, payloadOf: (item: T) => string, from = 0): Written {
    for (let index = from; index < items.length; index++) {
      const item = items[index] as T;
      const written = this.event(nameOf(item), payloadOf(item));
      if (written !== undefined) return written.then(() => this.events(items, nameOf, payloadOf, index + 1));
    }
    return undefined;
  }

  /** Sends an SSE comment line, which clients ignore but raw readers can see. */
  comment(text: string): Written {
    return this.write(`: ${text.replace(/\n/g, ' ')}\n\n`);
  }

  /** Ends the response. */
  end(): void {
    if (this.writable) this.res.end();
  }

  private write(text: string): Written {
    if (!this.writable || this.res.write(text)) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done).off('close', done);
        resolve();
      };
      this.res.on('drain', done).on('close', done);
    });
  }
}
