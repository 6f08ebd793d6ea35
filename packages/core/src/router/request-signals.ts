import { ModelMeshError, DeadlineExceededError, RequestAbortedError } from '@modelmesh/provider';
import { AbortLink, onAbort, type AbortSource, type AbortWatch } from '../runtime/abort-link.js';
import type { Clock, TimerHandle } from '../runtime/clock.js';

/**
 * The abort plumbing of one request: the caller's signal and the deadline abort the request;
 * each attempt gets a child controller that its own timeouts abort too. The abort reason is
 * always a ModelMesh error, so whoever sees the abort knows why. Built on {@link AbortLink}s:
 * a real `AbortSignal` exists only where someone asks for one.
 */
export class RequestSignals {
  private readonly link = new AbortLink();
  private readonly deadlineTimer: TimerHandle;
  private readonly detachCaller: () => void;

  constructor(
    private readonly clock: Clock,
    readonly deadlineAt: number,
    poolName: string,
    timeoutMs: number,
    callerSignal: AbortSource | undefined,
    private readonly attemptsSoFar: () => number,
  ) {
    this.deadlineTimer = clock.setTimeout(
      () => this.link.abort(new DeadlineExceededError({ poolName, timeoutSeconds: timeoutMs / 1000, attempts: this.attemptsSoFar() })),
      Math.max(0, deadlineAt - clock.now()),
    );
    if (callerSignal?.aborted) this.link.abort(new RequestAbortedError({ cause: callerSignal.reason }));
    this.detachCaller = onAbort(callerSignal, (reason) => this.link.abort(new RequestAbortedError({ cause: reason })));
  }

  /** Aborts with the request (a real `AbortSignal`, made on first use). */
  get signal(): AbortSignal {
    return this.link.signal;
  }

  /** Aborts with the request, without making an `AbortSignal`. */
  get watch(): AbortWatch {
    return this.link;
  }

  /** The reason the request was aborted (a ModelMesh error), if it was. */
  get abortError(): ModelMeshError | undefined {
    if (!this.link.aborted) return undefined;
    const reason: unknown = this.link.reason;
    return ModelMeshError.isInstance(reason) ? reason : undefined;
  }

  /** Aborts the request (e.g. `stream.abort()`). */
  abort(reason: ModelMeshError = new RequestAbortedError()): void {
    this.link.abort(reason);
  }

  /** Milliseconds left before the deadline. */
  remaining(): number {
    return this.deadlineAt - this.clock.now();
  }

  /** A controller for one attempt, aborted with the request. */
  attempt(): AttemptSignal {
    return new AttemptSignal(this.clock, this.link);
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
  private readonly link = new AbortLink();
  private timer: TimerHandle | undefined;
  private readonly detachParent: () => void;

  constructor(
    private readonly clock: Clock,
    parent: AbortWatch,
  ) {
    this.detachParent = this.link.follow(parent);
  }

  /** A real `AbortSignal` for the attempt, made on first use. */
  get signal(): AbortSignal {
    return this.link.signal;
  }

  /** Aborts with the attempt, without making an `AbortSignal`. */
  get watch(): AbortWatch {
    return this.link;
  }

  /** (Re)arms the timeout: after `ms`, the attempt aborts with `error()`. */
  arm(ms: number, error: () => ModelMeshError): void {
    this.disarm();
    this.timer = this.clock.setTimeout(() => this.link.abort(error()), ms);
  }

  disarm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Aborts the attempt (releases the provider's connection). */
  abort(reason: unknown): void {
    this.link.abort(reason);
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
    const link = this.link;
    if (link.aborted) {
      promise.catch(() => undefined);
      return Promise.reject(link.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const stopWatching = link.watch(reject);
      promise.then(
        (value) => {
          stopWatching();
          resolve(value);
        },
        (error: unknown) => {
          stopWatching();
          reject(link.aborted ? link.reason : error);
        },
      );
    });
  }
}
