import type { HealthState, HealthTransition, StandbyReason } from './health-types.js';
import { OutcomeWindow } from './outcome-window.js';
import type { ModelHealthSnapshot } from './tracker-types.js';

/** Mutable health of one model, private to the tracker. */
export interface ModelRecord {
  readonly modelKey: string;
  providerId: string;
  phase: HealthState['state'];
  /** Reason of the current or last standby (kept after recovery for the 'recovered' transition). */
  reason: StandbyReason;
  since: number;
  until: number;
  detail: string | undefined;
  /** Where the standby leads when it ends: decided by the policy that caused it. */
  recoverTo: 'half-open' | 'active';
  /** Bumped by every transition; tickets of an older generation are stale. */
  generation: number;
  /** The running half-open trial. */
  trial: { readonly id: number; readonly startedAt: number } | undefined;
  consecutiveFailures: number;
  backoffLevel: number;
  standbyCount: number;
  readonly window: OutcomeWindow;
}

/** A fresh, active record. */
export function createRecord(modelKey: string, providerId: string, windowCapacity: number): ModelRecord {
  return {
    modelKey,
    providerId,
    phase: 'active',
    reason: 'errors',
    since: 0,
    until: 0,
    detail: undefined,
    recoverTo: 'half-open',
    generation: 0,
    trial: undefined,
    consecutiveFailures: 0,
    backoffLevel: 0,
    standbyCount: 0,
    window: new OutcomeWindow(windowCapacity),
  };
}

/** The record as the public {@link HealthState}. */
/** The state of every active model: one frozen object, read on every routing decision. */
const ACTIVE: HealthState = Object.freeze({ state: 'active' });

export function healthStateOf(record: ModelRecord): HealthState {
  switch (record.phase) {
    case 'active':
      return ACTIVE;
    case 'half-open':
      return { state: 'half-open', reason: record.reason, trialInFlight: record.trial !== undefined };
    case 'standby': {
      const { reason, since, until, detail } = record;
      return detail === undefined ? { state: 'standby', reason, since, until } : { state: 'standby', reason, since, until, detail };
    }
  }
}

/** The record as a {@link ModelHealthSnapshot}; prunes the error-rate window to `now`. */
export function snapshotOf(record: ModelRecord, now: number): ModelHealthSnapshot {
  const standby = record.phase === 'standby';
  return {
    modelKey: record.modelKey,
    providerId: record.providerId,
    state: record.phase,
    ...(record.phase === 'active' ? {} : { reason: record.reason }),
    ...(standby ? { since: record.since, until: record.until } : {}),
    ...(standby && record.detail !== undefined ? { detail: record.detail } : {}),
    trialInFlight: record.trial !== undefined,
    consecutiveFailures: record.consecutiveFailures,
    backoffLevel: record.backoffLevel,
    standbyCount: record.standbyCount,
    errorRate: record.window.stats(now),
  };
}

/** What a standby needs. */
export interface StandbyEntry {
  readonly reason: StandbyReason;
  readonly until: number;
  readonly detail?: string;
  readonly recoverTo: 'half-open' | 'active';
  readonly at: number;
}

/** Moves the record to standby (from any phase, standby included: that re-times it). */
export function enterStandby(record: ModelRecord, entry: StandbyEntry): HealthTransition {
  const from = record.phase;
  record.phase = 'standby';
  record.reason = entry.reason;
  record.since = entry.at;
  record.until = entry.until;
  record.detail = entry.detail;
  record.recoverTo = entry.recoverTo;
  record.standbyCount++;
  return finish(record, from, entry.at, entry.detail, entry.until);
}

/** Ends a standby whose cooldown is over: one trial request will decide. */
export function enterHalfOpen(record: ModelRecord, at: number): HealthTransition {
  const from = record.phase;
  record.phase = 'half-open';
  record.detail = undefined;
  return finish(record, from, at, 'cooldown over; the next request is a trial');
}

/**
 * Returns the record to active. Failures from before the standby are forgotten so they cannot
 * trip it again; the backoff level resets only when a success proves the model healthy.
 */
export function enterActive(record: ModelRecord, at: number, detail: string, resetBackoff: boolean): HealthTransition {
  const from = record.phase;
  record.phase = 'active';
  record.detail = undefined;
  record.consecutiveFailures = 0;
  record.window.clear();
  if (resetBackoff) record.backoffLevel = 0;
  return finish(record, from, at, detail);
}

function finish(record: ModelRecord, from: HealthState['state'], at: number, detail?: string, until?: number): HealthTransition {
  record.generation++;
  record.trial = undefined;
  return {
    modelKey: record.modelKey,
    providerId: record.providerId,
    from,
    to: record.phase,
    reason: record.reason,
    ...(until === undefined ? {} : { until }),
    ...(detail === undefined ? {} : { detail }),
    at,
  };
}
