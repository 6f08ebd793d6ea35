import { ProviderError, RateLimitError, type RateLimitSnapshot } from '@modelmesh/core';

/** Who failed, for error fields. */
export interface ErrorSource {
  readonly providerId: string;
  readonly modelId: string;
}

/** A network failure (reset, cut body): retryable connection_error. */
export function connectionError(source: ErrorSource, cause: unknown): ProviderError {
  const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new ProviderError({ ...source, code: 'connection_error', cause, message: `Connection to "${source.providerId}" failed: ${reason}` });
}

/** A body or event that is not the JSON it should be: retryable malformed_response. */
export function malformedError(source: ErrorSource, cause: unknown): ProviderError {
  return new ProviderError({ ...source, code: 'malformed_response', cause, message: `Provider "${source.providerId}" sent malformed JSON` });
}

/** An `{"error":{...}}` event inside a 200 stream. */
export function inStreamError(source: ErrorSource, error: Record<string, unknown>): ProviderError {
  const message = typeof error['message'] === 'string' ? error['message'] : 'unknown error';
  const kind = `${String(error['type'] ?? '')} ${String(error['code'] ?? '')}`;
  const text = `Provider "${source.providerId}" failed mid-stream: ${message}`;
  if (/rate_limit/.test(kind)) return new RateLimitError({ ...source, message: text });
  return new ProviderError({ ...source, code: 'http_error', retryable: /server_error|overloaded/.test(kind), message: text });
}

/** Go-style durations as OpenAI sends them in `x-ratelimit-reset-*`: `1s`, `6m0s`, `20ms`, `1h2m3.5s`. */
function parseDurationMs(text: string | null): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let matched = false;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(amount) * (units[unit ?? ''] ?? 0);
    matched = true;
  }
  return matched ? total : undefined;
}

/** The `x-ratelimit-*` headers of a response, if it has any. */
export function rateLimitSnapshot(headers: Headers, now: number): RateLimitSnapshot | undefined {
  const number = (name: string): number | undefined => {
    const value = headers.get(name);
    return value === null || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value);
  };
  const resetRequests = parseDurationMs(headers.get('x-ratelimit-reset-requests'));
  const resetTokens = parseDurationMs(headers.get('x-ratelimit-reset-tokens'));
  const snapshot: RateLimitSnapshot = {
    ...(number('x-ratelimit-limit-requests') === undefined ? {} : { limitRequests: number('x-ratelimit-limit-requests') }),
    ...(number('x-ratelimit-remaining-requests') === undefined ? {} : { remainingRequests: number('x-ratelimit-remaining-requests') }),
    ...(number('x-ratelimit-limit-tokens') === undefined ? {} : { limitTokens: number('x-ratelimit-limit-tokens') }),
    ...(number('x-ratelimit-remaining-tokens') === undefined ? {} : { remainingTokens: number('x-ratelimit-remaining-tokens') }),
    ...(resetRequests === undefined ? {} : { resetRequestsAt: now + resetRequests }),
    ...(resetTokens === undefined ? {} : { resetTokensAt: now + resetTokens }),
  };
  return Object.keys(snapshot).length === 0 ? undefined : snapshot;
}
