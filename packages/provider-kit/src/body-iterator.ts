import { raceSignal } from './linked-signal.js';
import type { RequestGuard } from './request-guard.js';

const done = (): IteratorReturnResult<undefined> => ({ done: true, value: undefined });

/**
 * Reads a response body piece by piece under the guard's timers: `first-byte` runs until
 * the first non-empty piece, `idle` is armed only while we wait on the network (not while
 * the consumer is busy). Ending early (`return()`, even before the first `next()`)
 * cancels the body and aborts the exchange, so the connection is released.
 */
export class BodyIterator implements AsyncIterableIterator<Uint8Array> {
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private finished = false;
  private started = false;

  constructor(
    private readonly body: ReadableStream<Uint8Array> | null,
    private readonly guard: RequestGuard,
  ) {
    if (body === null) this.finish(false);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Uint8Array, undefined>> {
    if (this.finished || this.body === null) return done();
    this.reader ??= this.body.getReader();
    for (;;) {
      if (this.started) this.guard.start('idle');
      let result: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
      try {
        result = await raceSignal(this.reader.read(), this.guard.signal);
      } catch (error) {
        const failure = this.guard.failure(error, 'body');
        this.finish(true);
        throw failure;
      } finally {
        this.guard.stop('idle');
      }
      if (result.done) {
        this.finish(false);
        return done();
      }
      if (result.value.byteLength === 0) continue;
      if (!this.started) {
        this.started = true;
        this.guard.stop('first-byte');
      }
      return { done: false, value: result.value };
    }
  }

  async return(): Promise<IteratorResult<Uint8Array, undefined>> {
    this.finish(true);
    return done();
  }

  /** True once the body was read to its end or released. */
  get closed(): boolean {
    return this.finished;
  }

  private finish(release: boolean): void {
    if (this.finished) return;
    this.finished = true;
    if (release) {
      // Not awaited: a misbehaving body's cancel() must not hold the consumer; aborting the
      // exchange is what really closes the socket.
      const cancelled = this.reader === undefined ? this.body?.cancel() : this.reader.cancel();
      cancelled?.catch(() => undefined);
      this.guard.abort(new DOMException('The response body was released before its end', 'AbortError'));
    }
    this.guard.dispose();
  }
}
