import { ProviderError, ProviderTimeoutError, systemClock, type TimerHandle } from '@modelmesh/core';
import type { AbortSource, AbortWatch } from './abort-link.js';
import { type LinkedSignal, linkSignals } from './linked-signal.js';
import { mapNetworkError, type NetworkPhase } from './map-network-error.js';
import type { RequestTimeouts, TimeoutPhase } from './request-timeouts.js';

/** Identity of the exchange a guard protects, for the errors it raises. */
export interface GuardContext {
  providerId: string;
  modelId?: string;
  secrets?: readonly string[];
}

/**
 * Owns the cancellation of one HTTP exchange: the caller's signal, the provider's close
 * signal and the phase timers all abort one linked signal, whose reason says why
 * (the caller's own reason, or a ProviderTimeoutError naming the phase).
 */
export class RequestGuard {
  private readonly linked: LinkedSignal;
  /** Armed timers by phase (a plain record: at most three, set and cleared on every request). */
  private readonly timers: Partial<Record<TimeoutPhase, TimerHandle>> = {};

  constructor(
    private readonly context: GuardContext,
    readonly timeouts: RequestTimeouts,
    sources: readonly (AbortSource | undefined)[],
    private readonly onDispose?: () => void,
  ) {
    this.linked = linkSignals(sources);
    // Once aborted nothing is left to time: clean up even if no one reads the body again.
    // (Already aborted: nothing is armed yet, and the caller disposes.)
    this.linked.watch.watch(() => this.dispose());
  }

  /** The signal to hand to `fetch` (made on first use: the Node transport watches {@link RequestGuard.watch}). */
  get signal(): AbortSignal {
    return this.linked.signal;
  }

  /** The exchange's abort, without an `AbortSignal`. */
  get watch(): AbortWatch {
    return this.linked.watch;
  }

  /** Arms the timer of `phase` with its configured duration (no-op when unset or already armed). */
  start(phase: TimeoutPhase): void {
    const ms = phase === 'connect' ? this.timeouts.connect : phase === 'first-byte' ? this.timeouts.firstByte : this.timeouts.idle;
    if (ms === undefined || !Number.isFinite(ms) || this.timers[phase] !== undefined || this.watch.aborted) return;
    const error = () => new ProviderTimeoutError({ providerId: this.context.providerId, modelId: this.context.modelId, phase, timeoutSeconds: ms / 1000 });
    // On the system clock's shared timer lists: cheaper than a Node timer each, for timeouts that rarely fire.
    this.timers[phase] = systemClock.setTimeout(() => this.linked.abort(error()), Math.max(0, ms));
  }

  /** Disarms the timer of `phase`. */
  stop(phase: TimeoutPhase): void {
    const timer = this.timers[phase];
    if (timer === undefined) return;
    systemClock.clearTimeout(timer);
    this.timers[phase] = undefined;
  }

  /** Aborts the exchange (releases the connection). */
  abort(reason: unknown): void {
    this.linked.abort(reason);
  }

  /**
   * What to throw for `error`, raised by `fetch` or a body read: once the exchange was
   * aborted, the abort's reason (a timeout, or the caller's own reason, as `fetch` does);
   * otherwise the network failure as a `connection_error`.
   */
  failure(error: unknown, phase: NetworkPhase): unknown {
    if (this.watch.aborted) return this.watch.reason;
    if (ProviderError.isInstance(error)) return error;
    return mapNetworkError(error, { ...this.context, phase, connectTimeoutMs: this.timeouts.connect });
  }

  /** Stops every timer and detaches from the source signals. Idempotent. */
  dispose(): void {
    this.stop('connect');
    this.stop('first-byte');
    this.stop('idle');
    this.linked.dispose();
    this.onDispose?.();
  }
}
