import type { Clock, CounterReservation, ReservationResult } from '@modelmesh/core';

interface Seen {
  epoch: string;
  /** The value Redis last returned. */
  value: number;
  expiresAt: number;
}

/** A change made while Redis was unreachable, written back when it returns. */
export interface PendingChange {
  readonly delta: number;
  readonly ttlMs: number | undefined;
}

/**
 * This process's memory of the shared counters: the last value Redis returned for each (with
 * the Redis epoch it came from), plus the changes made locally while Redis was unreachable.
 * It serves the counters during an outage (`on_unavailable: local`), writes the local
 * changes back afterwards, and tells the scripts what each counter held, so a Redis that
 * restarted empty is re-seeded instead of handing a spent budget out again.
 * Memory: one entry per live counter; expired ones are dropped.
 */
export class LocalCounters {
  readonly #seen = new Map<string, Seen>();
  readonly #pending = new Map<string, PendingChange>();
  #writes = 0;

  constructor(private readonly clock: Clock) {}

  /** The epoch and value last seen for `key` ('' and 0 when never seen or expired). */
  seen(key: string): { epoch: string; value: number } {
    const seen = this.#live(key);
    return seen ? { epoch: seen.epoch, value: seen.value } : { epoch: '', value: 0 };
  }

  /** Remembers what Redis returned. */
  record(key: string, epoch: string, value: number, ttlMs: number | undefined): void {
    const existing = this.#live(key);
    const expiresAt = existing?.expiresAt ?? (ttlMs === undefined ? Infinity : this.clock.now() + ttlMs);
    this.#seen.set(key, { epoch, value, expiresAt });
    if (++this.#writes % 1024 === 0) this.#sweep();
  }

  /** The counter as this process knows it: last seen plus local changes. */
  value(key: string): number {
    return (this.#live(key)?.value ?? 0) + (this.#pending.get(key)?.delta ?? 0);
  }

  /** `reserve` on the local view, with the memory store's semantics. */
  reserve(entries: readonly CounterReservation[]): ReservationResult {
    const current = entries.map((entry) => this.value(entry.key));
    for (const [index, entry] of entries.entries()) {
      const value = current[index] ?? 0;
      if (value + entry.amount > entry.limit) return { ok: false, index, value };
    }
    for (const entry of entries) this.add(entry.key, entry.amount, entry.ttlMs);
    return { ok: true, values: entries.map((entry, index) => (current[index] ?? 0) + entry.amount) };
  }

  /** `add` on the local view; the change is written back later. */
  add(key: string, delta: number, ttlMs: number | undefined): number {
    const pending = this.#pending.get(key);
    if (!this.#seen.has(key)) this.record(key, '', 0, ttlMs);
    this.#pending.set(key, { delta: (pending?.delta ?? 0) + delta, ttlMs: pending?.ttlMs ?? ttlMs });
    return this.value(key);
  }

  /** Takes the local changes for writing back (give failed ones back with {@link restore}). */
  drain(): [string, PendingChange][] {
    const pending = [...this.#pending];
    this.#pending.clear();
    return pending;
  }

  /** Puts back a change that could not be written. */
  restore(key: string, change: PendingChange): void {
    const pending = this.#pending.get(key);
    this.#pending.set(key, { delta: change.delta + (pending?.delta ?? 0), ttlMs: change.ttlMs });
  }

  /** Every live counter this process has seen, with the time it has left (for re-seeding a restarted Redis). */
  known(): [string, number | undefined][] {
    const now = this.clock.now();
    const out: [string, number | undefined][] = [];
    for (const key of [...this.#seen.keys()]) {
      const seen = this.#live(key);
      if (seen && seen.epoch !== '') out.push([key, Number.isFinite(seen.expiresAt) ? seen.expiresAt - now : undefined]);
    }
    return out;
  }

  get hasPending(): boolean {
    return this.#pending.size > 0;
  }

  #live(key: string): Seen | undefined {
    const seen = this.#seen.get(key);
    if (seen && seen.expiresAt <= this.clock.now()) {
      this.#seen.delete(key);
      this.#pending.delete(key);
      return undefined;
    }
    return seen;
  }

  #sweep(): void {
    for (const key of [...this.#seen.keys()]) this.#live(key);
  }
}
