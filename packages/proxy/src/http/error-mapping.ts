import {
  AllProvidersExhaustedError,
  BudgetExceededError,
  ConfigurationError,
  ContentFilteredError,
  ContextLengthExceededError,
  DeadlineExceededError,
  InvalidRequestError,
  ModelMeshError,
  NoActiveModelError,
  ProviderHttpError,
  RateLimitError,
  RoutingError,
  StateStoreUnavailableError,
  StreamInterruptedError,
} from '@modelmesh/core';
import { httpFailure, HttpFailureError, type HttpFailure } from './openai-error.js';

/** HTTP statuses an upstream 4xx is passed through with: the request itself was at fault. */
const CLIENT_FAULT_STATUSES = new Set([400, 413, 422]);

const retryAfter = (seconds: number | undefined): Record<string, string> =>
  seconds !== undefined && Number.isFinite(seconds) ? { 'retry-after': String(Math.max(1, Math.ceil(seconds))) } : {};

/**
 * Maps anything the mesh (or the proxy) threw to an OpenAI-shaped HTTP error. The choices
 * are documented in the README's status table; messages come from ModelMesh errors, which
 * redact secrets, and unknown errors are never echoed.
 */
export function toHttpFailure(error: unknown, now: () => number = Date.now): HttpFailure {
  if (error instanceof HttpFailureError) return error.failure;
  if (InvalidRequestError.isInstance(error)) return httpFailure(400, error.message, 'invalid_request_error', { param: error.param ?? null, code: 'invalid_value' });
  if (BudgetExceededError.isInstance(error)) return budgetFailure(error, now());
  if (NoActiveModelError.isInstance(error)) {
    // Models cooling down come back at a known time: that is a rate limit the client can wait out.
    if (error.retryAfter !== undefined) return httpFailure(429, error.message, 'rate_limit_error', { code: 'models_cooling_down', headers: retryAfter(error.retryAfter) });
    return httpFailure(503, error.message, 'server_error', { code: 'no_active_model' });
  }
  if (StateStoreUnavailableError.isInstance(error)) return httpFailure(503, error.message, 'server_error', { code: 'state_store_unavailable', headers: { 'retry-after': '1' } });
  if (DeadlineExceededError.isInstance(error)) return httpFailure(504, error.message, 'server_error', { code: 'timeout' });
  if (AllProvidersExhaustedError.isInstance(error)) return exhaustedFailure(error);
  if (RoutingError.isInstance(error)) return routingFailure(error);
  if (ContextLengthExceededError.isInstance(error)) return httpFailure(400, error.message, 'invalid_request_error', { param: 'messages', code: 'context_length_exceeded' });
  if (ContentFilteredError.isInstance(error)) return httpFailure(400, error.message, 'invalid_request_error', { code: 'content_filter' });
  if (RateLimitError.isInstance(error)) return httpFailure(429, error.message, 'rate_limit_error', { code: 'rate_limit_exceeded', headers: retryAfter(error.retryAfter) });
  if (StreamInterruptedError.isInstance(error)) return httpFailure(502, error.message, 'server_error', { code: 'stream_interrupted' });
  if (ProviderHttpError.isInstance(error) && CLIENT_FAULT_STATUSES.has(error.status)) {
    return httpFailure(400, error.message, 'invalid_request_error', { code: 'upstream_rejected_request' });
  }
  if (ConfigurationError.isInstance(error)) return httpFailure(500, 'The proxy is misconfigured; see its log', 'server_error', { code: 'configuration_error' });
  if (ModelMeshError.isInstance(error)) return httpFailure(502, error.message, 'server_error', { code: 'upstream_error' });
  return httpFailure(500, 'Internal proxy error', 'server_error', { code: 'internal_error' });
}

/**
 * Budgets answer 429 `insufficient_quota`, exactly as OpenAI answers an exhausted quota, so
 * clients that already handle OpenAI's quota error handle ours. A window that resets
 * (minute, hour, day, month) gives `Retry-After`; one that never does (`total`,
 * `request`) tells the `openai` client not to retry (`x-should-retry: false`).
 */
function budgetFailure(error: BudgetExceededError, now: number): HttpFailure {
  const reset = windowEnd(error.period, now);
  const headers = reset === undefined ? { 'x-should-retry': 'false' } : retryAfter((reset - now) / 1000);
  return httpFailure(429, error.message, 'insufficient_quota', { code: 'insufficient_quota', headers });
}

function windowEnd(period: string | undefined, now: number): number | undefined {
  const sizes: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
  const size = period === undefined ? undefined : sizes[period];
  if (size !== undefined) return (Math.floor(now / size) + 1) * size;
  if (period === 'month') {
    const date = new Date(now);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return undefined;
}

/** Every attempt failed. Upstream rate limits stay 429s and an oversized prompt stays a 400; the rest is a 502. */
function exhaustedFailure(error: AllProvidersExhaustedError): HttpFailure {
  const last = error.lastError;
  if (RateLimitError.isInstance(last)) return httpFailure(429, error.message, 'rate_limit_error', { code: 'rate_limit_exceeded', headers: retryAfter(last.retryAfter) });
  if (ContextLengthExceededError.isInstance(last)) return httpFailure(400, error.message, 'invalid_request_error', { param: 'messages', code: 'context_length_exceeded' });
  return httpFailure(502, error.message, 'server_error', { code: 'upstream_error' });
}

/** Unknown model names are 404s; a pool none of whose models can serve this request is a 400. */
function routingFailure(error: RoutingError): HttpFailure {
  if (error.details['skipped'] !== undefined) return httpFailure(400, error.message, 'invalid_request_error', { code: 'unsupported_request' });
  if (error.poolName === '' || error.details['capability'] !== undefined) {
    return httpFailure(404, error.message, 'invalid_request_error', { param: 'model', code: 'model_not_found' });
  }
  return httpFailure(500, error.message, 'server_error', { code: 'routing_error' });
}
