import { ModelMeshError } from '../errors/model-mesh-error.js';
import { DeadlineExceededError, RequestAbortedError } from '../errors/routing-errors.js';
import type { Clock, TimerHandle } from '../runtime/clock.js';

/**
 * The abort plumbing of one request: the caller's signal and the deadline abort the request;
 * each attempt gets a child controller that its own timeouts abort too. The abort reason is
 * always a ModelMesh error, so whoever sees the abort knows why.
 */
export class RequestSignals {
  private readonly controller = new AbortController();
  private readonly deadlineTimer: TimerHandle;
  private readonly detachCaller: () => void;

  constructor(
    private readonly clock: Clock,
    readonly deadlineAt: number,
    poolName: string,
    timeoutMs: number,
    callerSignal: AbortSignal | undefined,
    private readonly attemptsSoFar: () => number,
  ) {
    this.deadlineTimer = clock.setTimeout(
      () => this.controller.abort(new DeadlineExceededError({ poolName, timeoutSeconds: timeoutMs / 1000, attempts: this.attemptsSoFar() })),
      Math.max(0, deadlineAt - clock.now()),
    );
    if (callerSignal?.aborted) this.controller.abort(new RequestAbortedError({ cause: callerSignal.reason }));
    const onCallerAbort = () => this.controller.abort(new RequestAbortedError({ cause: callerSignal?.reason }));
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    this.detachCaller = () => callerSignal?.removeEventListener('abort', onCallerAbort);
  }

  /** Aborts with the request. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The reason the request was aborted (a ModelMesh error), if it was. */
  get abortError(): ModelMeshError | undefined {
    const reason: unknown = this.controller.signal.reason;
    return this.controller.signal.aborted && ModelMeshError.isInstance(reason) ? reason : undefined;
  }

  /** Aborts the request (e.g. `stream.abort()`). */
  abort(reason: ModelMeshError = new RequestAbortedError()): void {
    this.controller.abort(reason);
  }

  /** Milliseconds left before the deadline. */
  remaining(): number {
    return this.deadlineAt - this.clock.now();
  }

  /** A controller for one attempt, aborted with the request. */
  attempt(): AttemptSignal {
    return new AttemptSignal(this.clock, this.controller.signal);
  }

  /** Ends the deadline (a stream that has started is bounded by its idle timeout instead). */
  stopDeadline(): void {
    this.clock.clearTimeout(this.deadlineTimer);
  }

  /** Stops the timers and listeners; call once the request is over. */
  dispose(): void {
    this.clock.clearTimeout(this.deadlineTimer);
    this.detachCaller();
  }
}

/** The signal of one attempt, with restartable timeouts (first token, idle). */
export class AttemptSignal {
  private readonly controller = new AbortController();
  private timer: TimerHandle | undefined;
  private readonly onParentAbort = () => this.controller.abort(this.parent.reason);

  constructor(
    private readonly clock: Clock,
    private readonly parent: AbortSignal,
  ) {
    if (parent.aborted) this.controller.abort(parent.reason);
    else parent.addEventListener('abort', this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** (Re)arms the timeout: after `ms`, the attempt aborts with `error()`. */
  arm(ms: number, error: () => ModelMeshError): void {
    this.disarm();
    this.timer = this.clock.setTimeout(() => this.controller.abort(error()), ms);
  }

  disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Aborts the attempt (releases the provider's connection). */
  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  /** Stops timers and listeners. */
  dispose(): void {
    this.disarm();
    this.parent.removeEventListener('abort', this.onParentAbort);
  }

  /**
   * Settles with `promise`, or rejects with the abort reason as soon as the attempt aborts,
   * even if the provider ignores its signal.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) {
      promise.catch(() => undefined);
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(signal.aborted ? signal.reason : error);
        },
      );
    });
  }
}
