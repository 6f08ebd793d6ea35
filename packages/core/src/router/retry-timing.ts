import type { RetryPolicy } from '../config/pool-policy.js';

/** A third attempt on one model waits until this long after the first of the two before it. */
export const SAME_MODEL_WINDOW_MS = 1_500;

/**
 * What a provider's `Retry-After` asks of the router: `wait` it out on the same model (it is
 * at most `retry.maxRetryAfterMs` and the retry still fits the request's deadline), move on
 * because it is `too-long` (the model goes to standby for that long), or move on because it
 * is `past-deadline` (the model is fine by then, but this request cannot wait). Undefined
 * when there is no Retry-After to honour.
 */
export function retryAfterVerdict(retry: RetryPolicy, retryAfterMs: number | undefined, remainingMs: number): 'wait' | 'too-long' | 'past-deadline' | undefined {
  if (!retry.honorRetryAfter || retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) return undefined;
  if (retryAfterMs > retry.maxRetryAfterMs) return 'too-long';
  return retryAfterMs < remainingMs ? 'wait' : 'past-deadline';
}

/**
 * `delayMs`, stretched so that the next attempt is never the third on its model within
 * {@link SAME_MODEL_WINDOW_MS}: `startedAt` holds when this request's earlier attempts on the
 * model started, oldest first.
 */
export function spacedDelay(startedAt: readonly number[], now: number, delayMs: number): number {
  const secondLast = startedAt.length >= 2 ? startedAt[startedAt.length - 2] : undefined;
  if (secondLast === undefined) return delayMs;
  return Math.max(delayMs, secondLast + SAME_MODEL_WINDOW_MS - now);
}
