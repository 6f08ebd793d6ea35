import { ModelMeshError, ProviderTimeoutError } from '@modelmesh/provider';
import type { AbortFollower, ExchangeAbort } from './exchange-abort.js';
import { mapNetworkError, type NetworkPhase } from './map-network-error.js';
import type { RequestTimeouts, TimeoutPhase } from './request-timeouts.js';
import { RestartableTimer } from './restartable-timer.js';

/** Identity of the exchange a guard protects, for the errors it raises. */
export interface GuardContext {
  providerId: string;
  modelId?: string;
  secrets?: readonly string[];
}

/**
 * Owns the cancellation of one HTTP exchange: the caller's signal, the client's `close()`
 * and the phase timers all abort it, with a reason that says why (the caller's own reason, or
 * a ProviderTimeoutError naming the phase). The Node transport follows it directly (see
 * {@link ExchangeAbort}); an `AbortController` is made only for whoever needs a real signal
 * (`fetch`, a connection limit, a body read raced against the abort). The listener on the
 * caller's signal (the guard itself) is removed when the exchange ends, rather than left to
 * garbage collection as `AbortSignal.any` would. Timers are plain platform timers: a pending
 * request's timeout keeps the process alive, as the request itself does. The `idle` timer,
 * armed at every read of the body, is one {@link RestartableTimer} per exchange.
 */
export class RequestGuard implements ExchangeAbort {
  private controller: AbortController | undefined;
  /** Why the exchange was aborted; never undefined once it is (an aborted signal always has a reason, and `abort()` gives one). */
  private abortReason: unknown;
  private follower: AbortFollower | undefined;
  /** Armed timers of the once-per-request phases (a plain record: set and cleared on every request). The transport times the connect. */
  private readonly timers: Partial<Record<'headers' | 'first-byte', ReturnType<typeof setTimeout>>> = {};
  private idleTimer: RestartableTimer | undefined;
  private disposed = false;

  constructor(
    private readonly context: GuardContext,
    readonly timeouts: RequestTimeouts,
    private readonly callerSignal: AbortSignal | undefined,
    private readonly onDispose?: () => void,
  ) {
    if (callerSignal?.aborted) this.abortReason = callerSignal.reason;
    else callerSignal?.addEventListener('abort', this, { once: true });
  }

  /** The caller's signal aborted. */
  handleEvent(): void {
    this.abort(this.callerSignal?.reason);
  }

  /** True once the exchange is aborted. */
  get aborted(): boolean {
    return this.abortReason !== undefined;
  }

  /** Why the exchange was aborted (undefined until then). */
  get reason(): unknown {
    return this.abortReason;
  }

  follow(follower: AbortFollower | undefined): void {
    this.follower = follower;
  }

  /** The exchange's signal, for `fetch` and other users of a real one (made on first use). */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Arms the timer of `phase` with its configured duration (no-op when unset or already armed; `idle` restarts). */
  start(phase: TimeoutPhase): void {
    const ms = phase === 'headers' ? this.timeouts.headers : phase === 'first-byte' ? this.timeouts.firstByte : this.timeouts.idle;
    if (ms === undefined || !Number.isFinite(ms) || this.disposed || this.aborted) return;
    if (phase === 'idle') {
      this.idleTimer ??= new RestartableTimer(() => this.abort(this.timeoutError('idle', ms)));
      this.idleTimer.arm(ms);
      return;
    }
    if (this.timers[phase] !== undefined) return;
    this.timers[phase] = setTimeout(() => {
      this.timers[phase] = undefined;
      this.abort(this.timeoutError(phase, ms));
    }, Math.max(0, ms));
  }

  /** Disarms the timer of `phase` (the `idle` one stays pending for the next start to reuse, until dispose). */
  stop(phase: TimeoutPhase): void {
    if (phase === 'idle') {
      this.idleTimer?.pause();
      return;
    }
    const timer = this.timers[phase];
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers[phase] = undefined;
  }

  private timeoutError(phase: TimeoutPhase, ms: number): ProviderTimeoutError {
    return new ProviderTimeoutError({ providerId: this.context.providerId, modelId: this.context.modelId, phase, timeoutSeconds: ms / 1000 });
  }

  /** Aborts the exchange (releases the connection); nothing is left to time, so it also disposes. */
  abort(reason: unknown): void {
    if (!this.aborted) {
      // As `AbortController.abort()` does without a reason.
      const why = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
      this.abortReason = why;
      this.controller?.abort(why);
      const follower = this.follower;
      this.follower = undefined;
      follower?.abortExchange(why);
    }
    this.dispose();
  }

  /**
   * Settles with `promise`, or rejects with the abort reason as soon as the exchange aborts,
   * so a `fetch` or body that ignores its signal still cannot hang past a timeout.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    const { signal } = this;
    if (signal.aborted) {
      promise.catch(() => undefined);
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal.removeEventListener('abort', onAbort);
      promise.then(settle, settle);
      promise.then(resolve, (error: unknown) => reject(signal.aborted ? signal.reason : error));
    });
  }

  /**
   * What to throw for `error`, raised by `fetch` or a body read: once the exchange was
   * aborted, the abort's reason (a timeout, or the caller's own reason, as `fetch` does);
   * otherwise the network failure as a `connection_error`.
   */
  failure(error: unknown, phase: NetworkPhase): unknown {
    if (this.aborted) return this.abortReason;
    // Already typed: a provider error, or an InvalidRequestError for a body that cannot be sent.
    if (ModelMeshError.isInstance(error)) return error;
    return mapNetworkError(error, { ...this.context, phase, connectTimeoutMs: this.timeouts.connect });
  }

  /** Stops every timer and detaches from the caller's signal. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop('headers');
    this.stop('first-byte');
    this.idleTimer?.clear();
    this.callerSignal?.removeEventListener('abort', this);
    this.onDispose?.();
  }
}
