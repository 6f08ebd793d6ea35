import type { RateLimitSnapshot } from '@modelmesh/provider';
import { parseRateLimitHeaders, type HeaderSource } from '@modelmesh/provider-kit';

/**
 * Reads a vendor's own rate-limit headers (those with other names than OpenAI's
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`) from any response, success or
 * error. `now` is ms since epoch, for resets given as durations. Return undefined when the
 * vendor's headers are absent.
 *
 * @example
 * ```ts
 * // A vendor reporting `x-quota-remaining` per minute:
 * const parseAcmeRateLimits: RateLimitHeaderParser = (headers, now) => {
 *   const remaining = Number(readHeader(headers, 'x-quota-remaining'));
 *   return Number.isFinite(remaining) ? { remainingRequests: remaining, resetRequestsAt: now + 60_000 } : undefined;
 * };
 * ```
 */
export type RateLimitHeaderParser = (headers: HeaderSource, now: number) => RateLimitSnapshot | undefined;

/**
 * What a response says about rate limits: OpenAI's (and Anthropic's) standard headers, read
 * by provider-kit, completed field by field with what the vendor's parser reads. Where both
 * give a field, the standard header wins. Undefined when neither says anything.
 */
export function readRateLimits(headers: HeaderSource, now: number, vendor: RateLimitHeaderParser | undefined): RateLimitSnapshot | undefined {
  const standard = parseRateLimitHeaders(headers, now);
  const own = vendor?.(headers, now);
  if (own === undefined) return standard;
  const merged: RateLimitSnapshot = { ...own, ...standard };
  return Object.keys(merged).length === 0 ? undefined : merged;
}

/** Two parsers as one: both read the headers, the second's fields win. */
export function chainRateLimitParsers(first: RateLimitHeaderParser | undefined, second: RateLimitHeaderParser | undefined): RateLimitHeaderParser | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return (headers, now) => {
    const a = first(headers, now);
    const b = second(headers, now);
    return a === undefined || b === undefined ? (a ?? b) : { ...a, ...b };
  };
}
