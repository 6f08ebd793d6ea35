import type { RateLimitSnapshot } from '@modelmesh/provider';
import { type HeaderSource, readHeader } from './header-source.js';
import { parseDurationMs } from './parse-duration.js';

function readCount(headers: HeaderSource, name: string): number | undefined {
  const value = readHeader(headers, name)?.trim();
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) return undefined;
  return Number(value);
}

/** `x-ratelimit-reset-*` is a duration from now; some proxies send epoch seconds instead. */
function readRelativeReset(headers: HeaderSource, name: string, now: number): number | undefined {
  const value = readHeader(headers, name)?.trim();
  if (value === undefined) return undefined;
  const ms = parseDurationMs(value);
  if (ms === undefined) return undefined;
  // A bare number far larger than any window is an epoch timestamp (seconds), not a delay.
  if (/^\d+(\.\d+)?$/.test(value) && Number(value) > 1e9) return Number(value) * 1000;
  return now + ms;
}

/** Anthropic sends RFC 3339 instants. */
function readAbsoluteReset(headers: HeaderSource, name: string): number | undefined {
  const value = readHeader(headers, name)?.trim();
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

function withoutUndefined(snapshot: RateLimitSnapshot): RateLimitSnapshot {
  const out: RateLimitSnapshot = {};
  for (const [key, value] of Object.entries(snapshot) as [keyof RateLimitSnapshot, number | undefined][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The headers to look rate limits up in: a `Headers` as it is; a record cut down to its
 * rate-limit headers (keyed lower-case, the first of equal names winning, as
 * {@link readHeader} does), or undefined when it has none, so most responses cost one pass.
 */
function rateLimitView(headers: HeaderSource): HeaderSource | undefined {
  if (typeof (headers as Headers).get === 'function') return headers;
  let view: Record<string, string | readonly string[]> | undefined;
  const record = headers as Record<string, string | readonly string[] | undefined>;
  for (const key in record) {
    const value = record[key];
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (!lower.includes('ratelimit')) continue;
    view ??= {};
    if (view[lower] === undefined) view[lower] = value;
  }
  return view;
}

/**
 * Reads the rate-limit state a provider reports in its response headers:
 * OpenAI/Groq `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (resets are
 * durations such as `6m0s`) and Anthropic `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`
 * (resets are RFC 3339 times). Where both styles appear, the OpenAI style wins.
 * `now` is ms since epoch. Returns undefined when no rate-limit header is present.
 */
export function parseRateLimitHeaders(source: HeaderSource, now: number): RateLimitSnapshot | undefined {
  const headers = rateLimitView(source);
  if (headers === undefined) return undefined;
  const snapshot = withoutUndefined({
    limitRequests: readCount(headers, 'x-ratelimit-limit-requests') ?? readCount(headers, 'anthropic-ratelimit-requests-limit'),
    remainingRequests: readCount(headers, 'x-ratelimit-remaining-requests') ?? readCount(headers, 'anthropic-ratelimit-requests-remaining'),
    resetRequestsAt: readRelativeReset(headers, 'x-ratelimit-reset-requests', now) ?? readAbsoluteReset(headers, 'anthropic-ratelimit-requests-reset'),
    limitTokens: readCount(headers, 'x-ratelimit-limit-tokens') ?? readCount(headers, 'anthropic-ratelimit-tokens-limit'),
    remainingTokens: readCount(headers, 'x-ratelimit-remaining-tokens') ?? readCount(headers, 'anthropic-ratelimit-tokens-remaining'),
    resetTokensAt: readRelativeReset(headers, 'x-ratelimit-reset-tokens', now) ?? readAbsoluteReset(headers, 'anthropic-ratelimit-tokens-reset'),
  });
  return Object.keys(snapshot).length === 0 ? undefined : snapshot;
}
