import type { CacheStore } from '../middleware/cache-store.js';
import type { StandbyReason } from '../health/health-types.js';

/** One counter change of an atomic {@link StateStore.reserve}. */
export interface CounterReservation {
  /** Counter key, e.g. `budget:daily:1763769600000`. */
  readonly key: string;
  /** What to add (positive). */
  readonly amount: number;
  /** The counter may not exceed this after the addition. */
  readonly limit: number;
  /** The counter expires this long after it is created (its window's end plus a margin); omit for no expiry. */
  readonly ttlMs?: number;
}

/** The outcome of a reservation: all counters were raised, or none was. */
export type ReservationResult =
  | { readonly ok: true; readonly values: readonly number[] }
  /** `index` is the first entry that would have crossed its limit; `value` its current value. */
  | { readonly ok: false; readonly index: number; readonly value: number };

/**
 * A model's shared health, as one process publishes it for the others. Only what other
 * processes must act on travels: whether the model is out of rotation, why, and until when.
 * Failure counts and error-rate windows stay in the process that observed them.
 */
export interface SharedHealth {
  readonly modelKey: string;
  /** `standby`: skip the model until `until`; `active`: it is back (a trial succeeded, or an operator reactivated it). */
  readonly state: 'standby' | 'active';
  /** Why it went to standby (or, for `active`, why it had been). */
  readonly reason: StandbyReason;
  /** End of the standby, ms since epoch (`Infinity` for open-ended). Standby only. */
  readonly until?: number;
  readonly detail?: string;
  /** When the change happened, ms since epoch. */
  readonly at: number;
  /** Who published it (a random id per mesh), so a process can ignore its own messages. */
  readonly origin: string;
}

/** Whether the store reaches its backend; a store that cannot fail (memory) never reports. */
export interface StateStoreStatus {
  /** `unavailable`: calls fail or time out, and the store serves from local state (or refuses). `restored`: back, and local changes were written back. */
  readonly state: 'unavailable' | 'restored';
  /** The backend, e.g. `redis`. */
  readonly store: string;
  /** What the store does while unavailable: serve from local state, or refuse reservations. */
  readonly mode: 'local' | 'fail';
  /** What happened, without secrets (no URL credentials). */
  readonly detail: string;
  readonly at: number;
}

/**
 * The state that several processes of one deployment share: counters (budgets, quotas,
 * usage, rate windows) with atomic multi-counter reservations, model health with a change
 * subscription, and small values (calibration ratios, strategy positions, session
 * assignments). Every operation is atomic on its own, and `reserve` is atomic across all
 * its entries, so a budget holds under any concurrency, in one process (the memory store)
 * or across many (a Redis store runs `reserve` as one script). Counter values are plain
 * finite numbers: an implementation refuses NaN and infinite amounts with `checkAmount`.
 *
 * Every method is async and must settle within the implementation's timeout: the router
 * awaits `reserve` before a request and must never hang on a dead backend.
 */
export interface StateStore {
  /** Current values of counters (0 for absent or expired ones). */
  get(keys: readonly string[]): Promise<number[]>;
  /** Adds `delta` (may be negative) and returns the new value; throws InvalidAmountError for a non-finite delta. */
  add(key: string, delta: number, ttlMs?: number): Promise<number>;
  /**
   * Raises every counter by its amount if none would cross its limit; otherwise changes nothing.
   * Throws InvalidAmountError (changing nothing) for an amount that is negative or not finite, or a NaN limit.
   */
  reserve(entries: readonly CounterReservation[]): Promise<ReservationResult>;
  /** Stores a model's health (a standby expires with its `until`) and tells every subscriber, in this process and others. */
  putHealth(health: SharedHealth): Promise<void>;
  /** The stored health of each model: its current standby, or undefined when active (or the standby is over). */
  getHealth(modelKeys: readonly string[]): Promise<(SharedHealth | undefined)[]>;
  /** Calls `listener` for every `putHealth`, from any process sharing the store. Returns an unsubscribe function. */
  subscribeHealth(listener: (health: SharedHealth) => void): () => void;
  /** A small shared value (JSON text), or undefined when absent or expired. */
  getValue(key: string): Promise<string | undefined>;
  /** Sets a small shared value, expiring after `ttlMs` when given. */
  setValue(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Calls `listener` when the backend becomes unavailable or comes back. Returns an unsubscribe function. */
  onStatus?(listener: (status: StateStoreStatus) => void): () => void;
  /**
   * A store for cached answers on this store's backend and connection, so a response cache
   * is shared by every process that shares the state (the Redis store offers one). It must
   * never throw or hang: an unreachable backend reads as a miss and a failed write is dropped.
   */
  cacheStore?(): CacheStore;
  /** Releases connections. */
  close?(): Promise<void>;
}
