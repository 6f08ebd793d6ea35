import { ModelMeshError, DeadlineExceededError, RequestAbortedError } from '@modelmesh/provider';
import type { Clock, TimerHandle } from '../runtime/clock.js';

// The request's own cancellation is plain state in this file: an `AbortController` for the
// request is made only when something needs a real signal (the stream's `controller`, a
// sleep before a retry). Each attempt has a real one, since providers get `call.signal`.
// Node 20 spends several µs making each `AbortSignal` (plus its listeners and garbage): in
// `pnpm bench:proxy` the request-level controller and its listener cost about 10 µs of CPU
// per proxied request, and `get abortError` on a controller another 2 µs (CPU profile of the
// minimal mesh server, 11,000 requests). Nothing of this leaves the file.

/**
 * The abort plumbing of one request: the caller's signal, the deadline and the stream's
 * `controller` abort the request, and with it every live attempt; each attempt's own
 * timeouts abort just that attempt. The abort reason is always a ModelMesh error, so
 * whoever sees the abort knows why.
 */
export class RequestSignals {
  #reason: ModelMeshError | undefined;
  #controller: AbortController | undefined;
  readonly #attempts = new Set<AttemptSignal>();
  private readonly deadlineTimer: TimerHandle;
  private readonly detachCaller: (() => void) | undefined;

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
    if (callerSignal?.aborted) this.abort(new RequestAbortedError({ cause: callerSignal.reason }));
    else if (callerSignal) this.detachCaller = follow(callerSignal, (reason) => this.abort(new RequestAbortedError({ cause: reason })));
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
      // Only the caller's `stream.controller.abort()` gives a reason that is not a ModelMesh error.
      else follow(controller.signal, (reason) => this.abort(ModelMeshError.isInstance(reason) ? reason : new RequestAbortedError({ message: 'Stream aborted by the caller', cause: reason })));
    }
    return this.#controller;
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
    for (const attempt of this.#attempts) attempt.abort(reason);
    this.#attempts.clear();
  }

  /** Milliseconds left before the deadline. */
  remaining(): number {
    return this.deadlineAt - this.clock.now();
  }

  /** A controller for one attempt, aborted with the request. */
  attempt(): AttemptSignal {
    const attempts = this.#attempts;
    const attempt = new AttemptSignal(this.clock, () => attempts.delete(attempt));
    if (this.#reason !== undefined) attempt.abort(this.#reason);
    else attempts.add(attempt);
    return attempt;
  }

  /** Ends the deadline (a stream that has started is bounded by its idle timeout instead). */
  stopDeadline(): void {
    this.clock.clearTimeout(this.deadlineTimer);
  }

  /** Stops the timers and listeners; call once the request is over. */
  dispose(): void {
    this.clock.clearTimeout(this.deadlineTimer);
    this.detachCaller?.();
  }
}

/** The signal of one attempt, with restartable timeouts (first token, idle). */
export class AttemptSignal {
  readonly #controller = new AbortController();
  /** Rejecters of the promises {@link AttemptSignal.race} is waiting on. */
  readonly #racers = new Set<(reason: unknown) => void>();
  private timer: TimerHandle | undefined;
  /** When the pending timer fires. */
  private timerAt = 0;
  /** When the armed timeout expires; undefined while disarmed or paused. */
  private deadline: number | undefined;
  private error: (() => ModelMeshError) | undefined;

  constructor(
    private readonly clock: Clock,
    /** Stops the request from aborting this attempt (it has ended). */
    private readonly detachParent: () => void,
  ) {}

  /** Aborts with the attempt (its timeouts) and with the request. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * (Re)arms the timeout: after `ms`, the attempt aborts with `error()`. A pending timer that
   * fires no later is kept and looks again when it fires, so a stream re-arming its idle
   * timeout at every chunk makes no timer per chunk.
   */
  arm(ms: number, error: () => ModelMeshError): void {
    const deadline = this.clock.now() + ms;
    this.deadline = deadline;
    this.error = error;
    if (this.timer !== undefined && this.timerAt <= deadline) return;
    this.schedule(ms);
  }

  /** Stops the timeout. */
  disarm(): void {
    this.deadline = undefined;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops the timeout but leaves its timer pending (it then does nothing), for an {@link AttemptSignal.arm} soon after to reuse. */
  pause(): void {
    this.deadline = undefined;
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerAt = this.clock.now() + ms;
    this.timer = this.clock.setTimeout(this.expire, ms);
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const { deadline, error } = this;
    if (deadline === undefined || error === undefined) return;
    const left = deadline - this.clock.now();
    if (left > 0) return this.schedule(left);
    this.deadline = undefined;
    this.abort(error());
  };

  /** Aborts the attempt (releases the provider's connection) and settles every pending {@link AttemptSignal.race}. */
  abort(reason: unknown): void {
    const signal = this.#controller.signal;
    if (signal.aborted) return;
    this.#controller.abort(reason);
    // Every abort comes through here (the controller is private), so races need no listener of their own.
    for (const reject of this.#racers) reject(signal.reason);
    this.#racers.clear();
  }

  /** Stops timers and listeners. */
  dispose(): void {
    this.disarm();
    this.detachParent();
  }

  /**
   * Settles with `promise`, or rejects with the abort reason as soon as the attempt aborts,
   * even if the provider ignores its signal.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    if (signal.aborted) {
      promise.catch(() => undefined);
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.#racers.add(reject);
      promise.then(
        (value) => {
          this.#racers.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.#racers.delete(reject);
          reject(signal.aborted ? signal.reason : error);
        },
      );
    });
  }
}

/** Calls `listener` with the reason when `signal` aborts; returns the function that stops listening. */
function follow(signal: AbortSignal, listener: (reason: unknown) => void): () => void {
  const onAbort = () => listener(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
