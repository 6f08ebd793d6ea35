import type { RateDecision } from '../auth/key-rate-limiter.js';
import type { HttpFailure } from '../http/openai-error.js';
import type { HeaderMap } from '../http/send-response.js';
import type { Exchange, ProxyContext } from './proxy-context.js';

/**
 * The `x-ratelimit-*` headers of a key's requests-per-minute window, named as OpenAI names
 * them, so clients that pace themselves on OpenAI's headers pace themselves on the proxy's.
 */
export function keyRateHeaders(decision: RateDecision): HeaderMap {
  return {
    'x-ratelimit-limit-requests': String(decision.limit),
    'x-ratelimit-remaining-requests': String(decision.remaining),
    'x-ratelimit-reset-requests': `${decision.resetSeconds}s`,
  };
}

/** Whole seconds until the earliest standby model of `pool` is due back, if any is. */
export function poolRecoverySeconds(ctx: ProxyContext, pool: string | undefined): number | undefined {
  if (pool === undefined) return undefined;
  const status = ctx.mesh.poolStatus()[pool];
  const now = ctx.clock.now();
  let earliest: number | undefined;
  for (const model of status?.models ?? []) {
    if (model.status !== 'active' && model.until !== undefined && model.until > now) earliest = Math.min(earliest ?? Infinity, model.until);
  }
  return earliest === undefined ? undefined : Math.max(1, Math.ceil((earliest - now) / 1000));
}

/**
 * Gives a 429 that names no wait a `Retry-After`: the earliest recovery of the request's pool,
 * else one second. The key's rate limit and the budget windows set their own; a budget that
 * never resets says `x-should-retry: false` instead, and is left alone.
 */
export function withRetryAfter(ctx: ProxyContext, ex: Exchange, failure: HttpFailure): HttpFailure {
  if (failure.status !== 429 || failure.headers['retry-after'] !== undefined || failure.headers['x-should-retry'] === 'false') return failure;
  const seconds = poolRecoverySeconds(ctx, ex.trace.poolName) ?? 1;
  return { ...failure, headers: { ...failure.headers, 'retry-after': String(seconds) } };
}
