import { ModelMeshError, DeadlineExceededError, RequestAbortedError } from '@modelmesh/provider';
import type { Clock, TimerHandle } from '../runtime/clock.js';
import { AttemptSignal, type AttemptOwner } from './attempt-signal.js';

// The request's own cancellation is plain state in this file: an `AbortController` for the
// request is made only when something needs a real signal (the stream's `controller`, a
// sleep before a retry). Each attempt has a real one, since providers get `call.signal`.
// Node 20 spends several µs making each `AbortSignal` (plus its listeners and garbage): in
// `pnpm bench:proxy` the request-level controller and its listener cost about 10 µs of CPU
// per proxied request, and `get abortError` on a controller another 2 µs (CPU profile of the
// minimal mesh server, 11,000 requests). Nothing of this leaves the file.
// A request usually has one live attempt (two while hedged), and a stream keeps its request
// open as long as it lasts: the attempts sit in one slot, a Set made only for a second, and
// the class itself is the abort listener (`handleEvent`), so following a signal makes no closure.

/**
 * The abort plumbing of one request: the caller's signal, the deadline and the stream's
 * `controller` abort the request, and with it every live attempt; each attempt's own
 * timeouts abort just that attempt. The abort reason is always a ModelMesh error, so
 * whoever sees the abort knows why.
 */
export class RequestSignals implements AttemptOwner {
  #reason: ModelMeshError | undefined;
  #controller: AbortController | undefined;
  #attempt: AttemptSignal | undefined;
  #moreAttempts: Set<AttemptSignal> | undefined;
  /** Dropped once stopped: a stream keeps its request (and so this) as long as it lasts. */
  private deadlineTimer: TimerHandle | undefined;
  readonly #callerSignal: AbortSignal | undefined;

  constructor(
    private readonly clock: Clock,
    readonly deadlineAt: number,
    poolName: string,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
    attemptsSoFar: () => number,
  ) {
    this.deadlineTimer = clock.setTimeout(
      () => this.abort(new DeadlineExceededError({ poolName, timeoutSeconds: timeoutMs / 1000, attempts: attemptsSoFar() })),
      Math.max(0, deadlineAt - clock.now()),
    );
    if (callerSignal?.aborted) {
      this.abort(new RequestAbortedError({ cause: callerSignal.reason }));
    } else if (callerSignal) {
      this.#callerSignal = callerSignal;
      callerSignal.addEventListener('abort', this, { once: true });
    }
  }

  /** The listener of the caller's signal and of the request's own controller: either aborts the request. */
  handleEvent(event: Event): void {
    const signal = event.target as AbortSignal;
    const reason: unknown = signal.reason;
    if (signal === this.#callerSignal) this.abort(new RequestAbortedError({ cause: reason }));
    // Only the caller's `stream.controller.abort()` gives a reason that is not a ModelMesh error.
    else this.abort(ModelMeshError.isInstance(reason) ? reason : new RequestAbortedError({ message: 'Stream aborted by the caller', cause: reason }));
  }

  /**
   * The request's controller (made on first read): a streamed answer hands it to the caller as
   * `stream.controller`, and aborting it cancels the request.
   */
  get controller(): AbortController {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      this.#controller = controller;
      if (this.#reason !== undefined) controller.abort(this.#reason);
      else controller.signal.addEventListener('abort', this, { once: true });
    }
    return this.#controller;
  }

  /**
   * `stream.abort()`: what aborting `controller` without a reason does, without making the
   * controller when nobody has read it.
   */
  abortByCaller(): void {
    if (this.#controller !== undefined) this.#controller.abort();
    else if (this.#reason === undefined) this.abort(new RequestAbortedError({ message: 'Stream aborted by the caller', cause: new DOMException('This operation was aborted', 'AbortError') }));
  }

  /** Aborts with the request. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The reason the request was aborted (a ModelMesh error), if it was. */
  get abortError(): ModelMeshError | undefined {
    return this.#reason;
  }

  /** Aborts the request and its live attempts (once: later calls change nothing). */
  abort(reason: ModelMeshError = new RequestAbortedError()): void {
    if (this.#reason !== undefined) return;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const attempt = this.#attempt;
    const more = this.#moreAttempts;
    this.#attempt = undefined;
    this.#moreAttempts = undefined;
    attempt?.abort(reason);
    if (more) for (const other of more) other.abort(reason);
  }

  /** Milliseconds left before the deadline. */
  remaining(): number {
    return this.deadlineAt - this.clock.now();
  }

  /** A controller for one attempt, aborted with the request. */
  attempt(): AttemptSignal {
    const attempt = new AttemptSignal(this.clock, this);
    if (this.#reason !== undefined) attempt.abort(this.#reason);
    else if (this.#attempt === undefined) this.#attempt = attempt;
    else (this.#moreAttempts ??= new Set()).add(attempt);
    return attempt;
  }

  /** The attempt has ended: the request no longer aborts it. */
  release(attempt: AttemptSignal): void {
    if (this.#attempt === attempt) this.#attempt = undefined;
    else this.#moreAttempts?.delete(attempt);
  }

  /** Ends the deadline (a stream that has started is bounded by its idle timeout instead). */
  stopDeadline(): void {
    if (this.deadlineTimer !== undefined) this.clock.clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
  }

  /** Stops the timers and listeners; call once the request is over. */
  dispose(): void {
    this.stopDeadline();
    this.#callerSignal?.removeEventListener('abort', this);
  }
}
