import type { FailureKind, FailureRecord, HealthPolicy, StandbyReason } from './health-types.js';
import type { ErrorRateSnapshot } from './tracker-types.js';

/** A failure kind after the policy had its say: rate limits and auth failures the policy ignores count as transient. */
export type CountedKind = Exclude<FailureKind, 'request'>;

/** What one counted failure does to a model. */
export type FailureVerdict =
  /** Counted; the model stays where it is. */
  | { readonly action: 'count' }
  /** This model goes to standby: for `retryAfterMs` when given (no backoff growth), else for the backoff cooldown. */
  | { readonly action: 'standby'; readonly reason: StandbyReason; readonly detail: string; readonly retryAfterMs?: number }
  /** Every model of the provider goes to standby for `maxCooldown`. */
  | { readonly action: 'provider-standby'; readonly detail: string };

/** The model's counters after the failure was counted. */
export interface FailureFacts {
  /** The failure ended a half-open trial. */
  readonly trial: boolean;
  readonly consecutiveFailures: number;
  readonly errorRate: ErrorRateSnapshot;
}

/** How `failure` counts under `policy`. */
export function countedKind(failure: FailureRecord, policy: HealthPolicy): FailureKind {
  if (failure.kind === 'rate-limited' && !policy.onRateLimit) return 'transient';
  if (failure.kind === 'auth' && !policy.onAuthFailure) return 'transient';
  return failure.kind;
}

/** Decides, without side effects, what a counted failure does. Transient triggers are checked in the order listed. */
export function judgeFailure(kind: CountedKind, failure: FailureRecord, policy: HealthPolicy, facts: FailureFacts): FailureVerdict {
  const why = (text: string): string => (failure.detail ? `${text}: ${failure.detail}` : text);
  switch (kind) {
    case 'auth':
      return { action: 'provider-standby', detail: why('authentication failed') };
    case 'rate-limited': {
      const retryAfterMs = failure.retryAfterMs;
      // A usable Retry-After is exact: the provider said when; a missing or garbled one falls back to the backoff.
      return retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0
        ? { action: 'standby', reason: 'rate-limited', detail: why('rate limited'), retryAfterMs }
        : { action: 'standby', reason: 'rate-limited', detail: why('rate limited') };
    }
    case 'transient':
      return judgeTransient(failure, policy, facts, why);
  }
}

function judgeTransient(failure: FailureRecord, policy: HealthPolicy, facts: FailureFacts, why: (text: string) => string): FailureVerdict {
  if (facts.trial) return { action: 'standby', reason: 'errors', detail: why('trial request failed') };
  if (failure.status !== undefined && policy.errorCodes.includes(failure.status)) {
    return { action: 'standby', reason: 'errors', detail: why(`status ${failure.status} is in errorCodes`) };
  }
  if (facts.consecutiveFailures >= policy.failureThreshold) {
    return { action: 'standby', reason: 'errors', detail: why(`${facts.consecutiveFailures} consecutive failures`) };
  }
  const { errorRateThreshold } = policy;
  const { requests, failures, ratio } = facts.errorRate;
  if (errorRateThreshold !== undefined && requests >= policy.errorRateMinRequests && ratio >= errorRateThreshold) {
    const percent = Math.round(ratio * 100);
    return { action: 'standby', reason: 'error-rate', detail: why(`error rate ${percent}% (${failures}/${requests}) over ${facts.errorRate.windowMs} ms`) };
  }
  return { action: 'count' };
}
