import { AuthenticationError, ContentFilteredError, ContextLengthExceededError, ProviderError, ProviderTimeoutError, RateLimitError, ModelMeshError, InvalidRequestError } from '@modelmesh/provider';
import type { FailureKind } from '../health/health-types.js';
import type { RetryPolicy } from '../config/pool-policy.js';

/** What the router does after a failed attempt. */
export type FailureAction =
  /** Transient: retry this model after a backoff (if its attempt budget allows), then fail over. */
  | 'retry'
  /** This model cannot serve the request now: try the next candidate. */
  | 'failover'
  /** The whole provider rejected us: skip all its models. */
  | 'failover-provider'
  /** Too long for this model: only models with a larger context window. */
  | 'failover-larger-context'
  /** The request itself is at fault: give the error to the caller. */
  | 'surface';

/** A classified failure. */
export interface FailureClass {
  readonly error: ModelMeshError;
  readonly kind: FailureKind;
  readonly action: FailureAction;
  readonly status?: number;
  readonly retryAfterMs?: number;
}

/**
 * Wraps anything a provider threw into a ModelMesh error (unknown errors count as connection
 * failures). A stack overflow is the one local failure that is the request's own: a body
 * nested deeply enough to overflow the serialiser or a converter, so it must not count
 * against the model's health.
 */
export function toMeshError(error: unknown, providerId: string, modelId: string): ModelMeshError {
  if (ModelMeshError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return new InvalidRequestError({ message: `Provider "${providerId}" could not prepare the request: it is nested too deeply`, cause: error });
  }
  return new ProviderError({ providerId, modelId, code: 'connection_error', message: `Provider "${providerId}" failed: ${message}`, cause: error });
}

/**
 * Decides how a failure counts against the model and what the router does next. Failures the
 * request caused (kind `request`: an InvalidRequestError, a 400/413/422 for this request's
 * content, a content filter, a context overflow) never count against the model: one tenant's
 * malformed request must not put a model in standby for everyone. A context overflow still
 * fails over to a model with a larger window.
 */
export function classifyFailure(error: ModelMeshError, retry: RetryPolicy): FailureClass {
  if (InvalidRequestError.isInstance(error)) return { error, kind: 'request', action: 'surface' };
  const status = ProviderError.isInstance(error) ? error.status : undefined;
  if (status !== undefined && retry.nonRetryableCodes?.includes(status)) return { error, kind: 'request', action: 'surface', status };
  if (status !== undefined && retry.retryableCodes?.includes(status)) return { error, kind: 'transient', action: 'retry', status };
  // OpenAI's `insufficient_quota` comes as a 429 but is a billing limit: like a 402, the whole
  // account is out until someone pays, so waiting and retrying only delays the failover.
  if (RateLimitError.isInstance(error) && isBillingQuota(error)) return { error, kind: 'auth', action: 'failover-provider', status };
  if (RateLimitError.isInstance(error)) {
    const retryAfterMs = error.retryAfter === undefined ? undefined : error.retryAfter * 1000;
    return { error, kind: 'rate-limited', action: 'retry', status, retryAfterMs };
  }
  if (AuthenticationError.isInstance(error)) return { error, kind: 'auth', action: 'failover-provider', status };
  if (ContextLengthExceededError.isInstance(error)) return { error, kind: 'request', action: 'failover-larger-context', status };
  if (ContentFilteredError.isInstance(error)) return { error, kind: 'request', action: 'surface', status };
  // A silent provider is a reason to move on (retry.on_timeout, default failover), not to wait on it again.
  if (ProviderTimeoutError.isInstance(error)) return { error, kind: 'transient', action: retry.onTimeout === 'retry' ? 'retry' : 'failover', status };
  if (ProviderError.isInstance(error)) {
    if (error.retryable) {
      const { retryAfter } = error;
      return { error, kind: 'transient', action: 'retry', status, retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000 };
    }
    // A missing model or endpoint is the model's problem, not the request's: try another.
    if (status === 404) return { error, kind: 'transient', action: 'failover', status };
    // 402: the account is out of credit. Every model of that provider is affected, like a bad key.
    if (status === 402) return { error, kind: 'auth', action: 'failover-provider', status };
    return { error, kind: 'request', action: 'surface', status };
  }
  return { error, kind: 'request', action: 'surface', status };
}

/** Whether a 429 is OpenAI's billing quota (`insufficient_quota`) rather than a rate window. */
function isBillingQuota(error: RateLimitError): boolean {
  return error.details['code'] === 'insufficient_quota' || error.details['type'] === 'insufficient_quota';
}

/**
 * Delay before retrying the same model. `retryNumber` is 1 for the first retry.
 * `exponential_jitter` is "full jitter": uniform in [0, exponential delay].
 */
export function backoffDelay(retry: RetryPolicy, retryNumber: number, random: () => number): number {
  const exponential = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.max(0, retryNumber - 1));
  switch (retry.backoff) {
    case 'none':
      return 0;
    case 'fixed':
      return Math.min(retry.initialDelayMs, retry.maxDelayMs);
    case 'exponential':
      return exponential;
    case 'exponential_jitter':
      return Math.floor(random() * exponential);
  }
}
