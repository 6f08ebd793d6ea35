import type { Clock, StateStore } from '@modelmesh/core';

/** The outcome of {@link KeyRateLimiter.take}: allowed or not, and where the key stands in its window. */
export interface RateDecision {
  readonly ok: boolean;
  /** The key's requests per minute. */
  readonly limit: number;
  /** Requests left in the current window after this one. */
  readonly remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  readonly resetSeconds: number;
}

const MINUTE = 60_000;

/**
 * Per-key requests-per-minute in fixed one-minute windows, counted in a `StateStore`, so
 * several proxy processes sharing a store (Redis) share each key's limit. A fixed window
 * can let up to twice the rate through around a window boundary; in exchange it costs
 * one atomic counter per key and minute.
 */
export class KeyRateLimiter {
  constructor(
    private readonly store: StateStore,
    private readonly clock: Clock,
  ) {}

  /** Counts one request of `keyName` against `rpm`, or says how long to wait. */
  async take(keyName: string, rpm: number): Promise<RateDecision> {
    const now = this.clock.now();
    const start = Math.floor(now / MINUTE) * MINUTE;
    const result = await this.store.reserve([{ key: `proxy:rpm:${keyName}:${start}`, amount: 1, limit: rpm, ttlMs: 2 * MINUTE }]);
    const resetSeconds = Math.max(1, Math.ceil((start + MINUTE - now) / 1000));
    const used = result.ok ? (result.values[0] ?? rpm) : rpm;
    return { ok: result.ok, limit: rpm, remaining: Math.max(0, rpm - used), resetSeconds };
  }
}
