import type { ChatCompletionChunk, Stream } from '@modelmesh/core';
import { toHttpFailure } from '../http/error-mapping.js';
import type { HttpFailure } from '../http/openai-error.js';
import { SseWriter, type Written } from '../http/sse-writer.js';
import { traceHeaders } from '../request-trace.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';

/** How one API writes a stream of the mesh's chunks: its events per chunk, its ending, its error event. */
export interface StreamEncoding {
  /** Writes the events of one chunk; a promise only when it must wait (see {@link Written}). */
  chunk(sse: SseWriter, chunk: ChatCompletionChunk): Written;
  /** Writes what follows the last chunk of a stream that ended well. */
  end(sse: SseWriter): Written;
  /** Writes the error event of a stream that failed after it started. */
  fail(sse: SseWriter, failure: HttpFailure): Written;
}

/**
 * Relays a mesh stream to the client as SSE, in whichever API's events `encoding` writes. The
 * mesh resolves the stream once the first content chunk is in (failover happens before that),
 * so a failure up to then is still an ordinary HTTP error; the headers then carry model,
 * provider and attempts. A failure after the start ends the stream with the API's error event;
 * a client that left stops the upstream call. Resolves when the response is done; never rejects.
 */
export function relayStream(ctx: ProxyContext, ex: Exchange, stream: Stream<ChatCompletionChunk>, encoding: StreamEncoding): Promise<void> {
  const sse = new SseWriter(ex.res);
  sse.open(traceHeaders(ex.trace, false, ex.headers));
  return new Promise((resolve) => new StreamRelay(ctx, ex, stream, encoding, sse, resolve).pull());
}

/**
 * The relay's loop, written as handlers made once per stream rather than a `for await`: an
 * open stream then holds no suspended function while it waits for its next chunk, only the
 * pending read (thousands of slow streams are thousands of these).
 */
class StreamRelay {
  private readonly iterator: AsyncIterator<ChatCompletionChunk>;

  constructor(
    private readonly ctx: ProxyContext,
    private readonly ex: Exchange,
    private readonly stream: Stream<ChatCompletionChunk>,
    private readonly encoding: StreamEncoding,
    private readonly sse: SseWriter,
    private readonly done: () => void,
  ) {
    this.iterator = stream[Symbol.asyncIterator]();
  }

  pull(): void {
    let next: Promise<IteratorResult<ChatCompletionChunk>>;
    try {
      next = this.iterator.next();
    } catch (error) {
      this.fail(error);
      return;
    }
    next.then(this.onNext, this.onError);
  }

  private readonly onNext = (result: IteratorResult<ChatCompletionChunk>): void => {
    if (result.done) {
      this.finish();
      return;
    }
    let written: Written;
    try {
      written = this.encoding.chunk(this.sse, result.value);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (written === undefined) this.afterChunk();
    else written.then(this.afterChunk, this.onError);
  };

  private readonly afterChunk = (): void => {
    if (this.sse.writable) {
      this.pull();
      return;
    }
    // The client left: stop reading, as leaving a `for await` early would, then cancel upstream.
    const stopped = this.iterator.return?.();
    if (stopped === undefined) this.leave();
    else stopped.then(this.leave, this.leave);
  };

  private readonly leave = (): void => {
    this.stream.abort();
    this.done();
  };

  private readonly onError = (error: unknown): void => this.fail(error);

  private finish(): void {
    if (!this.sse.writable) {
      this.leave();
      return;
    }
    this.closeAfter(() => this.encoding.end(this.sse));
  }

  private fail(error: unknown): void {
    // A forced shutdown aborts with its own reason (503); a client that left can read nothing.
    const cause: unknown = this.ex.signal.aborted ? this.ex.signal.reason : error;
    if (!this.sse.writable) {
      this.close();
      return;
    }
    this.closeAfter(() => this.encoding.fail(this.sse, toHttpFailure(cause, () => this.ctx.clock.now())));
  }

  /** Writes the stream's last events, then closes (also when writing them throws). */
  private closeAfter(write: () => Written): void {
    let written: Written;
    try {
      written = write();
    } catch {
      written = undefined;
    }
    if (written === undefined) this.close();
    else written.then(this.close, this.close);
  }

  private readonly close = (): void => {
    this.sse.end();
    this.done();
  };
}
