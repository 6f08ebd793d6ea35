import type { BudgetConfig } from '../config/mesh-config.js';
import { BudgetExceededError, type QuotaLimits, InvalidRequestError } from '@modelmesh/provider';
import type { MeshEventEmitter } from '../events/event-emitter.js';
import type { Clock } from '../runtime/clock.js';
import type { CounterReservation, StateStore } from '../state/state-store.js';
import { periodWindow, windowTtl, type Period } from './period-window.js';
import { SharedCalibration } from './shared-calibration.js';
import { SpendMargins } from './spend-margin.js';

/** What one attempt is expected to spend, reserved before the call. */
export interface SpendEstimate {
  /** USD (0 for an unpriced model). */
  readonly cost: number;
  /** Prompt plus output tokens. */
  readonly tokens: number;
}

/** Who an attempt spends for: it picks the budgets and quotas that apply. */
export interface SpendTarget {
  readonly poolName: string;
  readonly modelKey: string;
  readonly providerId: string;
  /** Proxy key name, for `key:<name>` budgets. */
  readonly keyName?: string;
  /** The model's own quotas and its provider's. */
  readonly modelLimits?: QuotaLimits;
  readonly providerLimits?: QuotaLimits;
}

interface HeldEntry {
  readonly key: string;
  readonly amount: number;
  readonly measure: 'cost' | 'tokens' | 'requests';
  readonly budget?: BudgetConfig;
}

/** Spend held for one attempt; settle it with the actual spend or release it. */
export interface SpendReservation {
  readonly entries: readonly HeldEntry[];
  /** The model the spend was for, and its unscaled estimate: settling teaches the model's margin. */
  readonly modelKey?: string;
  readonly estimate?: SpendEstimate;
  /** Ends the cold-start hold of an uncalibrated model (see SharedCalibration). */
  readonly hold?: () => void;
}

/** Why an attempt could not reserve its spend. */
export type SpendRefusal =
  /** A `rotate` budget is spent for this model: try another (cheaper or free) one. */
  | { readonly kind: 'rotate'; readonly error: BudgetExceededError }
  /** A quota (rpm/tpm/rpd/tpd) is used up until `until`: skip the model until then. */
  | { readonly kind: 'quota'; readonly until: number; readonly detail: string };

/** State of one budget in its current window. */
export interface BudgetWindowStatus {
  name: string;
  scope: string;
  period: Period;
  limitType: 'cost' | 'tokens' | 'requests';
  action: 'error' | 'rotate' | 'warn';
  used: number;
  limit: number;
  remaining: number;
  /** The limit is reached, or a request was refused in this window. */
  exceeded: boolean;
  /** Used has reached `alertThreshold × limit`. */
  alert: boolean;
  /** When the window resets (ms since epoch; Infinity for `total`). */
  resetsAt: number;
}

const QUOTAS = [
  { field: 'rpm', period: 'minute', measure: 'requests' },
  { field: 'tpm', period: 'minute', measure: 'tokens' },
  { field: 'rpd', period: 'day', measure: 'requests' },
  { field: 'tpd', period: 'day', measure: 'tokens' },
] as const;

function applies(budget: BudgetConfig, target: SpendTarget): boolean {
  const scope = budget.scope;
  if (scope === 'global') return true;
  const [kind, name] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
  if (kind === 'pool') return name === target.poolName;
  if (kind === 'provider') return name === target.providerId;
  if (kind === 'model') return name === target.modelKey;
  return kind === 'key' && name === target.keyName;
}

const amountOf = (measure: 'cost' | 'tokens' | 'requests', estimate: SpendEstimate) =>
  measure === 'cost' ? estimate.cost : measure === 'tokens' ? estimate.tokens : 1;

const isAmount = (value: number): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** True when both amounts are finite and not negative: only such an estimate may touch a counter. */
function isUsableEstimate(estimate: SpendEstimate): boolean {
  return isAmount(estimate.cost) && isAmount(estimate.tokens);
}

/**
 * Pre-flight enforcement of budgets and quotas. Before an attempt it reserves the
 * estimated spend (scaled by the model's learned {@link SpendMargins}) on every budget and
 * quota that applies, in one atomic store operation; a hard budget that would be crossed
 * refuses the attempt before any provider is called. Afterwards the reservation is settled
 * to the actual spend, or released on failure. A counter above its limit refuses every
 * further reservation, so admission stops as soon as a settlement crosses a limit.
 *
 * The guarantee: a hard limit is exceeded only by attempts that spent more than they
 * reserved, and by at most the sum of those overruns (actual minus reserved) of the attempts
 * admitted before the counter crossed it.
 */
export class SpendGuard {
  /** Last known used value per budget and window start, for the synchronous status report. */
  private readonly seen = new Map<string, { start: number; used: number; refused: boolean; alerted: boolean }>();
  private readonly margins = new SpendMargins();
  private readonly calibration: SharedCalibration;

  constructor(
    private readonly budgets: readonly BudgetConfig[],
    private readonly store: StateStore,
    private readonly clock: Clock,
    private readonly events: MeshEventEmitter,
  ) {
    this.calibration = new SharedCalibration(store, this.margins, () => clock.now());
  }

  /** True when nothing would be reserved for anything (no budgets, and no quotas on this target). */
  isIdle(target: SpendTarget): boolean {
    return this.budgets.length === 0 && !target.modelLimits && !target.providerLimits;
  }

  /** Reserves an attempt's estimated spend; throws BudgetExceededError for an `error` budget. */
  async reserve(target: SpendTarget, raw: SpendEstimate): Promise<SpendReservation | SpendRefusal> {
    if (!this.hasHardLimit(target)) return this.reserveCalibrated(target, raw);
    const hold = await this.calibration.admit(target.modelKey);
    let result: SpendReservation | SpendRefusal;
    try {
      result = await this.reserveCalibrated(target, raw);
    } catch (error) {
      hold();
      throw error;
    }
    if (!('entries' in result) || result.entries.length === 0) {
      hold();
      return result;
    }
    return { ...result, hold };
  }

  /** True when a budget or quota that refuses (not `warn`) applies: only those need calibrated reservations. */
  private hasHardLimit(target: SpendTarget): boolean {
    if (target.modelLimits || target.providerLimits) return true;
    return this.budgets.some((budget) => budget.action !== 'warn' && budget.period !== 'request' && applies(budget, target));
  }

  private async reserveCalibrated(target: SpendTarget, raw: SpendEstimate): Promise<SpendReservation | SpendRefusal> {
    // Defence in depth behind request validation: `NaN > limit` is false, so a NaN would be admitted.
    if (!isUsableEstimate(raw)) {
      throw new InvalidRequestError({
        message: `The request's spend estimate (cost ${String(raw.cost)}, tokens ${String(raw.tokens)}) is not a finite, non-negative number; it was refused so that budgets stay exact`,
        details: { cost: String(raw.cost), tokens: String(raw.tokens) },
      });
    }
    const estimate = this.margins.apply(target.modelKey, raw);
    const now = this.clock.now();
    const entries: Array<CounterReservation & HeldEntry> = [];
    for (const budget of this.budgets) {
      if (!applies(budget, target)) continue;
      const amount = amountOf(budget.limitType, estimate);
      const limit = budget.action === 'warn' ? Infinity : budget.limit;
      if (budget.period === 'request') {
        if (amount > limit) return this.refuse(budget, amount, amount);
        continue;
      }
      const window = periodWindow(budget.period, now);
      entries.push({ key: `budget:${budget.name}:${window.start}`, amount, limit, ttlMs: windowTtl(window, now), measure: budget.limitType, budget });
    }
    for (const [owner, limits] of [
      [`model:${target.modelKey}`, target.modelLimits],
      [`provider:${target.providerId}`, target.providerLimits],
    ] as const) {
      for (const quota of QUOTAS) {
        const limit = limits?.[quota.field];
        if (limit === undefined) continue;
        const window = periodWindow(quota.period, now);
        entries.push({ key: `quota:${owner}:${quota.field}:${window.start}`, amount: amountOf(quota.measure, estimate), limit, ttlMs: windowTtl(window, now), measure: quota.measure });
      }
    }
    if (entries.length === 0) return { entries: [], modelKey: target.modelKey, estimate: raw };
    const result = await this.store.reserve(entries);
    if (!result.ok) {
      const failed = entries[result.index];
      if (!failed) throw new Error('state store reported an unknown entry');
      if (failed.budget) return this.refuse(failed.budget, failed.amount, result.value + failed.amount);
      const quota = failed.key.split(':')[3];
      const period = quota === 'rpm' || quota === 'tpm' ? 'minute' : 'day';
      return { kind: 'quota', until: periodWindow(period, now).end, detail: `${quota} quota of ${failed.key.split(':').slice(1, 3).join(':')} used up (${result.value}/${failed.limit})` };
    }
    entries.forEach((entry, index) => {
      if (entry.budget) this.observe(entry.budget, entry.key, result.values[index] ?? 0, false);
    });
    return { entries, modelKey: target.modelKey, estimate: raw };
  }

  /**
   * Replaces the estimate with what the attempt actually spent. An actual that is not a
   * finite, non-negative amount (garbled provider usage) keeps the reservation as the spend.
   */
  async settle(reservation: SpendReservation, actual: SpendEstimate): Promise<void> {
    if (!isUsableEstimate(actual)) {
      reservation.hold?.();
      return;
    }
    if (reservation.modelKey !== undefined && reservation.estimate) {
      this.margins.observe(reservation.modelKey, reservation.estimate, actual);
      this.calibration.publish(reservation.modelKey);
    }
    reservation.hold?.();
    await Promise.all(
      reservation.entries.map(async (entry) => {
        const delta = amountOf(entry.measure, actual) - entry.amount;
        if (delta === 0) return;
        const value = await this.store.add(entry.key, delta);
        if (entry.budget) this.observe(entry.budget, entry.key, value, false);
      }),
    );
  }

  /** Gives the estimate back (the attempt failed and is not billed). */
  async release(reservation: SpendReservation): Promise<void> {
    reservation.hold?.();
    await Promise.all(
      reservation.entries.map(async (entry) => {
        if (entry.amount === 0) return;
        const value = await this.store.add(entry.key, -entry.amount);
        if (entry.budget) this.observe(entry.budget, entry.key, value, false);
      }),
    );
  }

  /**
   * Continues from `previous` (a config reload): what it last saw of each budget that is still
   * configured with the same name, scope, period and measure (the counters themselves live in the
   * shared store), and the margins it learned of `modelKeys`.
   */
  adopt(previous: SpendGuard, modelKeys: Iterable<string>): void {
    for (const budget of this.budgets) {
      const before = previous.budgets.find((b) => b.name === budget.name);
      const seen = previous.seen.get(budget.name);
      if (before && seen && before.scope === budget.scope && before.period === budget.period && before.limitType === budget.limitType) this.seen.set(budget.name, { ...seen });
    }
    this.margins.adopt(previous.margins, modelKeys);
  }

  /**
   * Starts the current window of budget `name` over from zero (an operator's decision): what
   * it counted so far is subtracted from its counter, and a refusal in the window is forgotten.
   * Spend of attempts still running is settled against the new start. Throws a RangeError for
   * an unknown budget.
   */
  async resetWindow(name: string): Promise<BudgetWindowStatus> {
    const budget = this.budgets.find((b) => b.name === name);
    if (!budget) throw new RangeError(`unknown budget "${name}"`);
    if (budget.period !== 'request') {
      const now = this.clock.now();
      const window = periodWindow(budget.period, now);
      const key = `budget:${budget.name}:${window.start}`;
      const [used = 0] = await this.store.get([key]);
      const value = used === 0 ? 0 : await this.store.add(key, -used, windowTtl(window, now));
      this.seen.set(budget.name, { start: window.start, used: value, refused: false, alerted: value >= budget.alertThreshold * budget.limit });
    }
    const status = this.status().find((b) => b.name === name);
    if (!status) throw new RangeError(`unknown budget "${name}"`);
    return status;
  }

  /** Every budget in its current window, from the last values this process saw. */
  status(): BudgetWindowStatus[] {
    const now = this.clock.now();
    return this.budgets.map((budget) => {
      const window = budget.period === 'request' ? { start: now, end: now } : periodWindow(budget.period, now);
      const seen = this.seen.get(budget.name);
      const current = seen && seen.start === window.start ? seen : undefined;
      const used = current?.used ?? 0;
      return {
        name: budget.name,
        scope: budget.scope,
        period: budget.period,
        limitType: budget.limitType,
        action: budget.action,
        used,
        limit: budget.limit,
        remaining: Math.max(0, budget.limit - used),
        exceeded: used >= budget.limit || (current?.refused ?? false),
        alert: used >= budget.alertThreshold * budget.limit,
        resetsAt: window.end,
      };
    });
  }

  private refuse(budget: BudgetConfig, amount: number, wouldReach: number): SpendRefusal {
    const now = this.clock.now();
    if (budget.period !== 'request') {
      const window = periodWindow(budget.period, now);
      this.observe(budget, `budget:${budget.name}:${window.start}`, wouldReach - amount, true);
    }
    const error = new BudgetExceededError({
      limitType: budget.limitType,
      limitValue: budget.limit,
      actualValue: wouldReach,
      budgetName: budget.name,
      scope: budget.scope,
      period: budget.period,
    });
    if (budget.action === 'error') throw error;
    return { kind: 'rotate', error };
  }

  private observe(budget: BudgetConfig, key: string, used: number, refused: boolean): void {
    const start = Number(key.slice(key.lastIndexOf(':') + 1));
    const previous = this.seen.get(budget.name);
    const sameWindow = previous?.start === start;
    const state = { start, used, refused: refused || (sameWindow && previous.refused), alerted: sameWindow && previous.alerted };
    if (!state.alerted && used >= budget.alertThreshold * budget.limit) {
      state.alerted = true;
      this.events.emit('budget.alert', { budget: budget.name, scope: budget.scope, used, limit: budget.limit, at: this.clock.now() });
    }
    if (budget.action === 'warn' && used > budget.limit && !(sameWindow && previous.used > budget.limit)) {
      this.events.emit('budget.exceeded', { budget: budget.name, scope: budget.scope, used, limit: budget.limit, action: budget.action, at: this.clock.now() });
    }
    if (refused) this.events.emit('budget.exceeded', { budget: budget.name, scope: budget.scope, used, limit: budget.limit, action: budget.action, at: this.clock.now() });
    this.seen.set(budget.name, state);
  }
}
