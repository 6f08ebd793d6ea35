import type { LatencyStats } from '../strategies/strategy.js';

/** Weight of the newest sample in the moving averages. */
const ALPHA = 0.3;

/** Exponentially weighted latency per model, for `latency-first` and status output. */
export class LatencyTracker {
  private readonly stats = new Map<string, { ewmaMs: number; ttftEwmaMs?: number; samples: number }>();

  /** Records a whole-request latency. */
  recordLatency(modelKey: string, ms: number): void {
    const current = this.stats.get(modelKey);
    if (!current) this.stats.set(modelKey, { ewmaMs: ms, samples: 1 });
    else {
      current.ewmaMs += ALPHA * (ms - current.ewmaMs);
      current.samples++;
    }
  }

  /** Records a stream's time to first token. */
  recordTimeToFirstToken(modelKey: string, ms: number): void {
    const current = this.stats.get(modelKey) ?? { ewmaMs: ms, samples: 0 };
    current.ttftEwmaMs = current.ttftEwmaMs === undefined ? ms : current.ttftEwmaMs + ALPHA * (ms - current.ttftEwmaMs);
    this.stats.set(modelKey, current);
  }

  /** Copies the statistics of `modelKeys` from `previous` (a config reload). */
  adopt(previous: LatencyTracker, modelKeys: Iterable<string>): void {
    for (const key of modelKeys) {
      const stats = previous.stats.get(key);
      if (stats) this.stats.set(key, { ...stats });
    }
  }

  get(modelKey: string): LatencyStats | undefined {
    return this.stats.get(modelKey);
  }
}
