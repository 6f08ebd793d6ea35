/** Why a model is in standby. */
export type StandbyReason = 'errors' | 'error-rate' | 'rate-limited' | 'quota-exhausted' | 'budget' | 'auth' | 'manual';

/** Health of one model, shared by every pool that uses it. */
export type HealthState =
  | { readonly state: 'active' }
  /** Out of rotation until `until` (ms since epoch); then one trial request decides. */
  | { readonly state: 'standby'; readonly reason: StandbyReason; readonly since: number; readonly until: number; readonly detail?: string }
  /** Cooldown over; one trial request is allowed through (`trialInFlight` while it runs). */
  | { readonly state: 'half-open'; readonly reason: StandbyReason; readonly trialInFlight: boolean };

/** How a failed attempt counts against a model's health. */
export type FailureKind =
  /** 5xx, timeout, connection reset, malformed response. Counts toward the threshold and error rate. */
  | 'transient'
  /** 429 or provider quota: standby at once for `retryAfterMs` (or the cooldown). */
  | 'rate-limited'
  /** 401/403: the whole provider goes to standby. */
  | 'auth'
  /** The request's own fault (400, context length, content filter): the model is fine; not counted. */
  | 'request';

/** One failed attempt, as the router classified it. */
export interface FailureRecord {
  readonly kind: FailureKind;
  /** Provider instance of the model, for provider-wide standby on auth failures. */
  readonly providerId: string;
  /** From `Retry-After`, when the provider gave one. */
  readonly retryAfterMs?: number;
  /** HTTP status, if any (checked against `errorCodes`). */
  readonly status?: number;
  /** Short text for events and explain(). */
  readonly detail?: string;
}

/** Deactivation and recovery policy of the pool through which an outcome is recorded. Durations in ms. */
export interface HealthPolicy {
  /** Consecutive transient failures that put a model in standby. */
  readonly failureThreshold: number;
  /** Failure ratio (0..1) over the window that puts a model in standby; undefined disables it. */
  readonly errorRateThreshold?: number;
  readonly errorRateWindow: number;
  /** Fewer requests than this in the window never trip the error rate. */
  readonly errorRateMinRequests: number;
  /** 429s put the model in standby at once. */
  readonly onRateLimit: boolean;
  /** 401/403 put the provider's models in standby. */
  readonly onAuthFailure: boolean;
  /** HTTP statuses that put the model in standby at once. */
  readonly errorCodes: readonly number[];
  /** First cooldown. */
  readonly cooldown: number;
  /** Cooldown ceiling. */
  readonly maxCooldown: number;
  /** Each further standby (without a success between) multiplies the cooldown by this. */
  readonly backoffMultiplier: number;
  /** Random spread of the cooldown, 0..1 (0.2 = ±20%). */
  readonly jitter: number;
  /** After the cooldown, let one trial request decide (true), or return straight to active (false). */
  readonly halfOpen: boolean;
}

/** A change of a model's health, as events report it. */
export interface HealthTransition {
  readonly modelKey: string;
  readonly providerId: string;
  readonly from: HealthState['state'];
  readonly to: HealthState['state'];
  readonly reason: StandbyReason;
  /** For standby: when it is due back (ms since epoch). */
  readonly until?: number;
  readonly detail?: string;
  readonly at: number;
}
