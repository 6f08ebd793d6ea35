import type { Dispatcher } from 'undici';
import { QueuedBodySource } from './queued-body-source.js';

/**
 * An undici response body taken straight from the dispatch handler, with no Node `Readable`
 * in between (its per-piece bookkeeping was most of the cost of a long, slow stream).
 * Backpressure pauses the dispatch controller; `cancel()` aborts it, which closes the
 * connection. The exchange handler pushes pieces, the end and a failure in.
 */
export class DispatchBodySource extends QueuedBodySource {
  /** The transport fails this body the moment the exchange aborts. */
  readonly followsAbort = true;

  constructor(private readonly controller: Dispatcher.DispatchController) {
    super();
  }

  /** A piece of the body arrived. */
  push(piece: Uint8Array): void {
    if (!this.settled) this.accept(piece);
  }

  /** The body ended (its connection is back in the pool). */
  end(): void {
    this.settle(false, undefined);
  }

  /** The body broke off (a socket error, or the abort's reason). */
  error(error: unknown): void {
    this.settle(true, error);
  }

  protected pauseSource(): void {
    this.controller.pause();
  }

  protected resumeSource(): void {
    this.controller.resume();
  }

  protected destroySource(): void {
    this.controller.abort(new DOMException('The response body was cancelled', 'AbortError'));
  }
}
