import type { Clock } from '../runtime/clock.js';
import { systemClock } from '../runtime/clock.js';
import { checkAmount } from './invalid-amount-error.js';
import type { CounterReservation, ReservationResult, SharedHealth, StateStore } from './state-store.js';

interface Counter {
  value: number;
  expiresAt: number;
}

interface Value {
  readonly text: string;
  readonly expiresAt: number;
}

/**
 * The default store: counters, health and values in Maps; health subscribers are called
 * synchronously (several meshes of one process may share one memory store). JavaScript runs each method to completion without
 * interleaving, which makes every operation atomic within the process. Expired counters
 * are dropped when read and swept every so often, so memory stays bounded by the live windows.
 */
export class MemoryStateStore implements StateStore {
  private readonly counters = new Map<string, Counter>();
  private readonly values = new Map<string, Value>();
  private readonly health = new Map<string, SharedHealth>();
  private readonly healthListeners = new Set<(health: SharedHealth) => void>();
  private writes = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  async get(keys: readonly string[]): Promise<number[]> {
    return keys.map((key) => this.read(key));
  }

  async add(key: string, delta: number, ttlMs?: number): Promise<number> {
    checkAmount(key, delta, false);
    return this.write(key, this.read(key) + delta, ttlMs);
  }

  async reserve(entries: readonly CounterReservation[]): Promise<ReservationResult> {
    for (const entry of entries) {
      checkAmount(entry.key, entry.amount, true);
      // A limit may be Infinity (a `warn` budget), never NaN: `x > NaN` would admit everything.
      if (Number.isNaN(entry.limit)) checkAmount(entry.key, entry.limit, false);
    }
    const current = entries.map((entry) => this.read(entry.key));
    for (const [index, entry] of entries.entries()) {
      const value = current[index] ?? 0;
      if (value + entry.amount > entry.limit) return { ok: false, index, value };
    }
    return { ok: true, values: entries.map((entry, index) => this.write(entry.key, (current[index] ?? 0) + entry.amount, entry.ttlMs)) };
  }

  async putHealth(health: SharedHealth): Promise<void> {
    if (health.state === 'standby') this.health.set(health.modelKey, health);
    else this.health.delete(health.modelKey);
    for (const listener of [...this.healthListeners]) listener(health);
  }

  async getHealth(modelKeys: readonly string[]): Promise<(SharedHealth | undefined)[]> {
    const now = this.clock.now();
    return modelKeys.map((key) => {
      const health = this.health.get(key);
      return health && (health.until ?? Infinity) > now ? health : undefined;
    });
  }

  subscribeHealth(listener: (health: SharedHealth) => void): () => void {
    // A wrapper per subscription, so subscribing one function twice needs two unsubscribes.
    const entry = (health: SharedHealth) => listener(health);
    this.healthListeners.add(entry);
    return () => this.healthListeners.delete(entry);
  }

  async getValue(key: string): Promise<string | undefined> {
    const value = this.values.get(key);
    if (!value) return undefined;
    if (value.expiresAt <= this.clock.now()) {
      this.values.delete(key);
      return undefined;
    }
    return value.text;
  }

  async setValue(key: string, value: string, ttlMs?: number): Promise<void> {
    this.values.set(key, { text: value, expiresAt: ttlMs === undefined ? Infinity : this.clock.now() + ttlMs });
    if (++this.writes % 1024 === 0) this.sweep();
  }

  private read(key: string): number {
    const counter = this.counters.get(key);
    if (!counter) return 0;
    if (counter.expiresAt <= this.clock.now()) {
      this.counters.delete(key);
      return 0;
    }
    return counter.value;
  }

  private write(key: string, value: number, ttlMs: number | undefined): number {
    const existing = this.counters.get(key);
    const expiresAt = existing?.expiresAt ?? (ttlMs === undefined ? Infinity : this.clock.now() + ttlMs);
    this.counters.set(key, { value, expiresAt });
    if (++this.writes % 1024 === 0) this.sweep();
    return value;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
    for (const [key, value] of this.values) if (value.expiresAt <= now) this.values.delete(key);
    for (const [key, health] of this.health) if ((health.until ?? Infinity) <= now) this.health.delete(key);
  }
}
