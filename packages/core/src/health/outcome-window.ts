import type { ErrorRateSnapshot } from './tracker-types.js';

interface Outcome {
  readonly at: number;
  readonly failed: boolean;
}

/**
 * Outcomes of one model over a sliding time window, for the error rate. An outcome recorded at
 * `t` counts while `now − t < windowMs`. Memory is bounded twice: by time (pruned on every
 * add and read) and by `capacity` (the oldest outcomes go first, so under heavy traffic the
 * ratio covers the latest `capacity` outcomes).
 */
export class OutcomeWindow {
  private readonly capacity: number;
  private entries: Outcome[] = [];
  /** Index of the oldest live entry; entries before it are dead and compacted lazily. */
  private head = 0;
  private failures = 0;
  private windowMs = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity));
  }

  /** Records one outcome; `windowMs` is that of the policy it was recorded with and becomes the window. */
  add(at: number, failed: boolean, windowMs: number): void {
    this.windowMs = Math.max(0, windowMs);
    this.entries.push({ at, failed });
    if (failed) this.failures++;
    while (this.size > this.capacity) this.dropOldest();
    this.prune(at);
  }

  /** The ratio over the window ending at `now`. */
  stats(now: number): ErrorRateSnapshot {
    this.prune(now);
    const requests = this.size;
    return { windowMs: this.windowMs, requests, failures: this.failures, ratio: requests === 0 ? 0 : this.failures / requests };
  }

  /** Forgets every outcome (the model recovered: old failures must not trip it again). */
  clear(): void {
    this.entries = [];
    this.head = 0;
    this.failures = 0;
  }

  private get size(): number {
    return this.entries.length - this.head;
  }

  private prune(now: number): void {
    for (let oldest = this.entries[this.head]; oldest && now - oldest.at >= this.windowMs; oldest = this.entries[this.head]) {
      this.dropOldest();
    }
    // Compact once the dead prefix dominates, so the array never grows past ~2 × capacity.
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  private dropOldest(): void {
    const oldest = this.entries[this.head];
    if (!oldest) return;
    if (oldest.failed) this.failures--;
    this.head++;
  }
}
