import type { Clock, RandomSource } from '../runtime/clock.js';
import { standbyCooldown } from './cooldown.js';
import { countedKind, judgeFailure, type CountedKind } from './failure-verdict.js';
import type { FailureRecord, HealthPolicy, HealthState, HealthTransition, StandbyReason } from './health-types.js';
import { createRecord, enterActive, enterHalfOpen, enterStandby, healthStateOf, snapshotOf, type ModelRecord } from './model-record.js';
import type { AttemptTicket, Availability, FailureOutcome, ModelHealthSnapshot, ModelHealthTrackerOptions } from './tracker-types.js';

const DEFAULT_TRIAL_TIMEOUT_MS = 300_000;
const DEFAULT_MAX_WINDOW_OUTCOMES = 1024;

/**
 * Health of every model of a mesh, shared by all pools. A model is active, in standby (with a
 * reason and an end), or half-open (cooldown over; one trial request decides). Recovery is lazy:
 * every read compares the clock with the standby's end, so there are no timers to leak and a
 * standby can never become permanent by accident. Each outcome is judged by the policy of the
 * pool it was recorded through.
 */
export class ModelHealthTracker {
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #onTransition: ((transition: HealthTransition) => void) | undefined;
  readonly #trialTimeoutMs: number;
  readonly #windowCapacity: number;
  readonly #models = new Map<string, ModelRecord>();
  readonly #byProvider = new Map<string, Set<string>>();
  #nextTicketId = 1;

  constructor(options: ModelHealthTrackerOptions) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#onTransition = options.onTransition;
    this.#trialTimeoutMs = options.trialTimeoutMs ?? DEFAULT_TRIAL_TIMEOUT_MS;
    this.#windowCapacity = options.maxWindowOutcomes ?? DEFAULT_MAX_WINDOW_OUTCOMES;
  }

  /** Adds a model (active) or moves it to another provider. Idempotent; its health is kept. */
  register(modelKey: string, providerId: string): void {
    const existing = this.#models.get(modelKey);
    if (existing) {
      this.#byProvider.get(existing.providerId)?.delete(modelKey);
      existing.providerId = providerId;
    } else {
      this.#models.set(modelKey, createRecord(modelKey, providerId, this.#windowCapacity));
    }
    let models = this.#byProvider.get(providerId);
    if (!models) this.#byProvider.set(providerId, (models = new Set()));
    models.add(modelKey);
  }

  /**
   * Takes over the health of every model `previous` tracks under the same provider (a config
   * reload builds a new mesh): the records are shared, not copied, so outcomes of requests still
   * running on the previous mesh keep counting. Call after registering this tracker's models.
   * Returns the keys taken over.
   */
  adopt(previous: ModelHealthTracker): string[] {
    const adopted: string[] = [];
    for (const [key, record] of previous.#models) {
      const mine = this.#models.get(key);
      if (!mine || mine.providerId !== record.providerId) continue;
      this.#models.set(key, record);
      adopted.push(key);
    }
    // Trial tickets of both trackers may meet on a shared record: keep their ids apart.
    this.#nextTicketId = Math.max(this.#nextTicketId, previous.#nextTicketId) + 1_000_000_000;
    return adopted;
  }

  /** True when `modelKey` was registered. */
  has(modelKey: string): boolean {
    return this.#models.has(modelKey);
  }

  /** Current health. Applies any recovery that fell due (emitting its transition). Throws for unregistered models. */
  state(modelKey: string): HealthState {
    return healthStateOf(this.#current(modelKey));
  }

  /** Whether the model may take a request now. */
  availability(modelKey: string): Availability {
    const record = this.#current(modelKey);
    if (record.phase === 'active') return 'active';
    return record.phase === 'half-open' && record.trial === undefined ? 'half-open' : 'unavailable';
  }

  /**
   * Admits one attempt. Active models always admit; a half-open model admits one trial, and
   * everyone else sees it unavailable until that trial ends. Returns undefined when not admitted.
   */
  beginAttempt(modelKey: string): AttemptTicket | undefined {
    const record = this.#current(modelKey);
    if (record.phase === 'active') return { modelKey, id: this.#nextTicketId++, generation: record.generation, trial: false };
    if (record.phase !== 'half-open' || record.trial !== undefined) return undefined;
    const id = this.#nextTicketId++;
    record.trial = { id, startedAt: this.#clock.now() };
    return { modelKey, id, generation: record.generation, trial: true };
  }

  /** The attempt ended without a verdict on the model (aborted by the caller): frees a trial slot. */
  abandonAttempt(ticket: AttemptTicket): void {
    const record = this.#current(ticket.modelKey);
    if (ticket.trial && this.#isCurrent(record, ticket)) record.trial = undefined;
  }

  /** The attempt succeeded: resets failures and backoff; a trial success makes the model active. */
  recordSuccess(ticket: AttemptTicket, policy: HealthPolicy): void {
    const record = this.#current(ticket.modelKey);
    if (!this.#isCurrent(record, ticket)) return;
    const now = this.#clock.now();
    const transitions: HealthTransition[] = [];
    if (ticket.trial) {
      transitions.push(enterActive(record, now, 'trial request succeeded', true));
      // The trial probed the provider's credentials: its siblings in auth standby are fine too.
      if (record.reason === 'auth') this.#recoverProviderAuth(record, now, transitions);
    } else {
      record.consecutiveFailures = 0;
      record.backoffLevel = 0;
    }
    record.window.add(now, false, policy.errorRateWindow);
    this.#emit(transitions);
  }

  /**
   * The attempt failed. `request` failures are the request's fault and leave the model alone
   * (a trial slot is freed). Stale tickets change nothing. The rules are in `failure-verdict.ts`.
   */
  recordFailure(ticket: AttemptTicket, failure: FailureRecord, policy: HealthPolicy): FailureOutcome {
    const record = this.#current(ticket.modelKey);
    const transitions: HealthTransition[] = [];
    if (this.#isCurrent(record, ticket)) {
      const kind = countedKind(failure, policy);
      if (kind === 'request') {
        if (ticket.trial) record.trial = undefined;
      } else {
        this.#applyFailure(record, ticket.trial, kind, failure, policy, transitions);
      }
    }
    const outcome: FailureOutcome = {
      deactivated: transitions.some((t) => t.modelKey === record.modelKey && t.to === 'standby'),
      health: healthStateOf(record),
      alsoDeactivated: transitions.filter((t) => t.modelKey !== record.modelKey).map((t) => t.modelKey),
    };
    this.#emit(transitions);
    return outcome;
  }

  /**
   * Takes a model out of rotation until `until` (ms since epoch; `Infinity` for open-ended), for
   * quotas, budgets or an operator. When `until` passes it returns straight to active (no trial):
   * these reasons end by the calendar, not by the model's health.
   */
  deactivate(modelKey: string, reason: StandbyReason, until: number, detail?: string): void {
    if (Number.isNaN(until)) throw new RangeError(`deactivate(${modelKey}): until is NaN`);
    const record = this.#current(modelKey);
    const entry = { reason, until, recoverTo: 'active', at: this.#clock.now() } as const;
    this.#emit([enterStandby(record, detail === undefined ? entry : { ...entry, detail })]);
  }

  /**
   * Ends a standby now, as if its cooldown had run out (a background probe found the model
   * reachable): it goes where that cooldown would have led, a half-open trial or active.
   * Returns false when the model was not in standby.
   */
  endStandby(modelKey: string): boolean {
    const record = this.#current(modelKey);
    if (record.phase !== 'standby') return false;
    record.until = this.#clock.now();
    this.#current(modelKey);
    return true;
  }

  /** Returns a model to active at once and forgets its failures and backoff (an operator's decision). */
  reactivate(modelKey: string): void {
    const record = this.#current(modelKey);
    if (record.phase !== 'active') {
      this.#emit([enterActive(record, this.#clock.now(), 'reactivated manually', true)]);
      return;
    }
    record.consecutiveFailures = 0;
    record.backoffLevel = 0;
    record.window.clear();
  }

  /**
   * The earliest end of standby among `modelKeys` (ms since epoch), for waiting on a recovery
   * within a deadline. Models not in standby and open-ended standbys are ignored; undefined when none.
   */
  earliestRecovery(modelKeys: Iterable<string>): number | undefined {
    let earliest: number | undefined;
    for (const key of modelKeys) {
      const record = this.#current(key);
      if (record.phase === 'standby' && Number.isFinite(record.until) && (earliest === undefined || record.until < earliest)) {
        earliest = record.until;
      }
    }
    return earliest;
  }

  /** Health of `modelKeys` (default: every registered model, in registration order). */
  snapshot(modelKeys: Iterable<string> = this.#models.keys()): ModelHealthSnapshot[] {
    const now = this.#clock.now();
    return [...modelKeys].map((key) => snapshotOf(this.#current(key), now));
  }

  #applyFailure(record: ModelRecord, trial: boolean, kind: CountedKind, failure: FailureRecord, policy: HealthPolicy, out: HealthTransition[]): void {
    const now = this.#clock.now();
    if (kind === 'transient') {
      record.consecutiveFailures++;
      record.window.add(now, true, policy.errorRateWindow);
    }
    const facts = { trial, consecutiveFailures: record.consecutiveFailures, errorRate: record.window.stats(now) };
    const verdict = judgeFailure(kind, failure, policy, facts);
    const recoverTo = policy.halfOpen ? 'half-open' : 'active';
    if (verdict.action === 'standby') {
      let cooldown = verdict.retryAfterMs;
      if (cooldown === undefined) cooldown = standbyCooldown(policy, ++record.backoffLevel, this.#random);
      // A Retry-After says when the limit resets: the model is back then, no trial needed.
      const back = verdict.retryAfterMs === undefined ? recoverTo : 'active';
      out.push(enterStandby(record, { reason: verdict.reason, until: now + cooldown, detail: verdict.detail, recoverTo: back, at: now }));
    } else if (verdict.action === 'provider-standby') {
      const until = now + Math.max(0, policy.maxCooldown);
      const siblings = this.#byProvider.get(failure.providerId) ?? new Set<string>();
      for (const key of new Set([record.modelKey, ...siblings])) {
        const sibling = this.#current(key);
        // A sibling already out for longer keeps its own (longer) standby.
        if (sibling !== record && sibling.phase === 'standby' && sibling.until >= until) continue;
        const detail = sibling === record ? verdict.detail : `${verdict.detail} (on ${record.modelKey})`;
        out.push(enterStandby(sibling, { reason: 'auth', until, detail, recoverTo, at: now }));
      }
    }
  }

  #recoverProviderAuth(prober: ModelRecord, now: number, out: HealthTransition[]): void {
    for (const key of this.#byProvider.get(prober.providerId) ?? []) {
      const sibling = this.#current(key);
      if (sibling !== prober && sibling.phase !== 'active' && sibling.reason === 'auth') {
        out.push(enterActive(sibling, now, `provider credentials work again (trial on ${prober.modelKey} succeeded)`, false));
      }
    }
  }

  /** A trial ticket is current while it holds the slot; any other ticket while no transition happened since it was issued. */
  #isCurrent(record: ModelRecord, ticket: AttemptTicket): boolean {
    if (ticket.trial) return record.phase === 'half-open' && record.trial?.id === ticket.id;
    return record.phase === 'active' && record.generation === ticket.generation;
  }

  /** The record of `modelKey` with time-based changes applied. */
  #current(modelKey: string): ModelRecord {
    const record = this.#models.get(modelKey);
    if (!record) throw new Error(`Model health: unknown model "${modelKey}"; register it first`);
    const now = this.#clock.now();
    if (record.phase === 'standby' && record.until <= now) {
      // The transition is stamped with when it fell due, not when it was noticed.
      const at = record.until;
      this.#emit([record.recoverTo === 'half-open' ? enterHalfOpen(record, at) : enterActive(record, at, 'cooldown over', false)]);
    }
    if (record.phase === 'half-open' && record.trial && now - record.trial.startedAt >= this.#trialTimeoutMs) {
      record.trial = undefined;
    }
    return record;
  }

  #emit(transitions: readonly HealthTransition[]): void {
    if (!this.#onTransition) return;
    for (const transition of transitions) this.#onTransition(transition);
  }
}
