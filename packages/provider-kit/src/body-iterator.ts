import type { BodySource } from './body-source.js';
import type { PieceSource } from './piece-source.js';
import type { RequestGuard } from './request-guard.js';

const done = (): IteratorReturnResult<undefined> => ({ done: true, value: undefined });

/**
 * Reads a response body piece by piece under the guard's timers: `first-byte` runs until
 * the first non-empty piece, `idle` is armed only while we wait on the network (not while
 * the consumer is busy). Ending early (`return()`, even before the first `next()`)
 * cancels the body and aborts the exchange, so the connection is released.
 */
export class BodyIterator implements AsyncIterableIterator<Uint8Array>, PieceSource {
  private finished = false;
  private started = false;

  constructor(
    private readonly body: BodySource | null,
    private readonly guard: RequestGuard,
  ) {
    if (body === null) this.finish(false);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * The next result if it is already here (a small body arrives with its headers), without
   * waiting and so without timers; undefined when {@link BodyIterator.next} must wait.
   */
  nextReady(): IteratorResult<Uint8Array, undefined> | undefined {
    if (this.finished || this.body === null) return done();
    for (;;) {
      const ready = this.guard.aborted ? undefined : this.body.poll?.();
      if (ready === undefined) return undefined;
      const result = this.accept(ready);
      if (result !== 'again') return result;
    }
  }

  next(): Promise<IteratorResult<Uint8Array, undefined>> {
    const ready = this.nextReady();
    if (ready !== undefined) return Promise.resolve(ready);
    return this.waitPiece().then(this.onPiece, this.onFailure);
  }

  // Made once per body: a read costs one `then`, and no async frame waits on it.
  private readonly onPiece = (piece: Uint8Array | undefined): IteratorResult<Uint8Array, undefined> | Promise<IteratorResult<Uint8Array, undefined>> => {
    const result = this.settlePiece(piece);
    return result === 'again' ? this.next() : result;
  };

  private readonly onFailure = (error: unknown): never => {
    throw this.pieceFailure(error);
  };

  /**
   * The next read of the body, unprocessed, under the idle timer (after the first piece):
   * hand what it gives to {@link BodyIterator.settlePiece}, or its error to
   * {@link BodyIterator.pieceFailure}. Split from `next()` so that a reader above (the SSE
   * parser) handles a piece in its own single `then`.
   */
  waitPiece(): Promise<Uint8Array | undefined> {
    if (this.finished || this.body === null) return Promise.resolve(undefined);
    if (this.started) this.guard.start('idle');
    try {
      return this.body.followsAbort === true && !this.guard.aborted ? this.body.read() : this.guard.race(this.body.read());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** What a read from {@link BodyIterator.waitPiece} means; `again` for an empty piece (read again). */
  settlePiece(piece: Uint8Array | undefined): IteratorResult<Uint8Array, undefined> | 'again' {
    this.guard.stop('idle');
    return this.accept(piece ?? null);
  }

  /** What to throw for a failed read from {@link BodyIterator.waitPiece} (the body is then released). */
  pieceFailure(error: unknown): unknown {
    this.guard.stop('idle');
    const failure = this.guard.failure(error, 'body');
    this.finish(true);
    return failure;
  }

  /** What a piece (or the end, `null`) means for the reader; `again` for an empty piece. */
  private accept(piece: Uint8Array | null): IteratorResult<Uint8Array, undefined> | 'again' {
    if (piece === null) {
      this.finish(false);
      return done();
    }
    if (piece.byteLength === 0) return 'again';
    if (!this.started) {
      this.started = true;
      this.guard.stop('first-byte');
    }
    return { done: false, value: piece };
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
      // Aborting the exchange is what really closes the socket.
      this.body?.cancel();
      this.guard.abort(new DOMException('The response body was released before its end', 'AbortError'));
    }
    this.guard.dispose();
  }
}
