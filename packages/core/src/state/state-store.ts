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
 * Shared counters behind budgets, quotas and usage. Every operation is atomic on its own,
 * and `reserve` is atomic across all its entries, so a budget holds under any concurrency:
 * in one process (the memory store) or across many (a Redis store runs `reserve` as one
 * script). Values are plain finite numbers (USD, tokens or requests): an implementation
 * refuses NaN and infinite amounts with `checkAmount`, so no counter can ever hold one.
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
  /** Releases connections. */
  close?(): Promise<void>;
}
