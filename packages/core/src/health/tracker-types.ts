import type { Clock, RandomSource } from '../runtime/clock.js';
import type { HealthState, HealthTransition, StandbyReason } from './health-types.js';

/** Whether a model may take a request now. A half-open model is available only while its trial slot is free. */
export type Availability = 'active' | 'half-open' | 'unavailable';

/**
 * Proof that an attempt was admitted by {@link ModelHealthTracker.beginAttempt}; hand it back
 * with the attempt's outcome. Treat it as opaque. Outcomes of tickets issued before the model's
 * last health change are ignored, so late results of requests that started before a standby
 * neither extend the standby nor end it.
 */
export interface AttemptTicket {
  readonly modelKey: string;
  /** True for the single trial request of a half-open model: its outcome decides recovery. */
  readonly trial: boolean;
  /** Unique per ticket. */
  readonly id: number;
  /** The model's health generation when the ticket was issued (bumped by every transition). */
  readonly generation: number;
}

/** What {@link ModelHealthTracker.recordFailure} did. */
export interface FailureOutcome {
  /** True when this failure put the model in standby (alone, or with its provider on an auth failure). */
  readonly deactivated: boolean;
  /** The model's health after the failure; `until` is there when it is in standby. */
  readonly health: HealthState;
  /** Other models of the same provider that this failure put in standby (auth failures). */
  readonly alsoDeactivated: readonly string[];
}

/** Failure ratio of a model over its sliding window. */
export interface ErrorRateSnapshot {
  /** Window length in ms (that of the last policy an outcome was recorded with; 0 before any). */
  readonly windowMs: number;
  /** Counted outcomes (successes and counted failures) in the window. */
  readonly requests: number;
  readonly failures: number;
  /** failures / requests; 0 when there were no requests. */
  readonly ratio: number;
}

/** Health of one model for `poolStatus()`, `describe()` and metrics. JSON-safe except `until: Infinity`. */
export interface ModelHealthSnapshot {
  readonly modelKey: string;
  readonly providerId: string;
  readonly state: HealthState['state'];
  /** Why it is (or, when half-open, was) in standby; absent when active. */
  readonly reason?: StandbyReason;
  /** When the standby began (standby only). */
  readonly since?: number;
  /** When the standby ends (standby only; `Infinity` for an open-ended manual standby). */
  readonly until?: number;
  readonly detail?: string;
  /** Half-open only: the trial request is running. */
  readonly trialInFlight: boolean;
  /** Counted failures since the last success or recovery. */
  readonly consecutiveFailures: number;
  /** Standbys in a row without a success between; drives the exponential backoff. */
  readonly backoffLevel: number;
  /** Times the model went to standby since it was registered. */
  readonly standbyCount: number;
  readonly errorRate: ErrorRateSnapshot;
}

/** Construction options of {@link ModelHealthTracker}. */
export interface ModelHealthTrackerOptions {
  /** Time source; recovery is checked against it on every read (no timers). */
  readonly clock: Clock;
  /** Randomness for cooldown jitter. */
  readonly random: RandomSource;
  /** Called synchronously after every health change. */
  readonly onTransition?: (transition: HealthTransition) => void;
  /**
   * A half-open trial that reports nothing for this long frees its slot so another request
   * can be the trial; guards against a lost ticket keeping a model out forever. Default 300 000 (5 min).
   */
  readonly trialTimeoutMs?: number;
  /** Most outcomes kept per model for the error rate, whatever the window length. Default 1024. */
  readonly maxWindowOutcomes?: number;
}
