import type { Clock } from '@modelmesh/core';

interface Entry {
  readonly value: string;
  readonly ttlMs: number | undefined;
  readonly expiresAt: number;
}

/** The last known shared values, served while Redis is down; values set meanwhile are written back. */
export class LocalValues {
  readonly #values = new Map<string, Entry>();
  readonly #pending = new Set<string>();

  constructor(private readonly clock: Clock) {}

  get(key: string): string | undefined {
    const entry = this.#values.get(key);
    if (entry && entry.expiresAt <= this.clock.now()) {
      this.#values.delete(key);
      this.#pending.delete(key);
      return undefined;
    }
    return entry?.value;
  }

  set(key: string, value: string, ttlMs: number | undefined, pending: boolean): void {
    this.#values.set(key, { value, ttlMs, expiresAt: ttlMs === undefined ? Infinity : this.clock.now() + ttlMs });
    if (pending) this.#pending.add(key);
  }

  get hasPending(): boolean {
    return this.#pending.size > 0;
  }

  /** The values set while Redis was down (with their remaining lifetime), for writing back. */
  drain(): [string, { value: string; ttlMs: number | undefined }][] {
    const out: [string, { value: string; ttlMs: number | undefined }][] = [];
    const now = this.clock.now();
    for (const key of this.#pending) {
      const entry = this.#values.get(key);
      if (entry && entry.expiresAt > now) out.push([key, { value: entry.value, ttlMs: entry.ttlMs === undefined ? undefined : entry.expiresAt - now }]);
    }
    this.#pending.clear();
    return out;
  }
}
