/** Width of one bucket of the rolling window, ms. */
export const BUCKET_MS = 10_000;
/** Buckets kept: the window covers the last five minutes. */
export const BUCKETS = 30;
/** Samples kept per bucket for the percentiles; a busy bucket keeps an even spread of them. */
const SAMPLES_PER_BUCKET = 256;

/** What one model did in one bucket. */
interface Bucket {
  /** Bucket start, ms since epoch (a multiple of {@link BUCKET_MS}). */
  readonly start: number;
  requests: number;
  failedAttempts: number;
  tokens: number;
  cost: number;
  readonly latencies: number[];
  readonly ttfts: number[];
  /** Samples offered, for reservoir sampling past {@link SAMPLES_PER_BUCKET}. */
  latencySeen: number;
  ttftSeen: number;
}

/** One model's figures over the window, ready to show. */
export interface ModelFigures {
  readonly requests: number;
  readonly failedAttempts: number;
  readonly tokens: number;
  readonly cost: number;
  /** Whole-request latency percentiles, ms; null without samples. */
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  /** Time to first token of streams, median, ms; null without streams. */
  readonly ttftP50Ms: number | null;
  /** Median latency per bucket, oldest first (null where the bucket had no request). */
  readonly latencySeries: ReadonlyArray<number | null>;
  /** Cost per bucket, oldest first. */
  readonly costSeries: readonly number[];
}

/** The value at quantile `q` (0..1) of `values` (nearest rank); null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

/** Keeps at most {@link SAMPLES_PER_BUCKET} samples, each offered one equally likely to stay. */
function keepSample(samples: number[], seen: number, value: number, random: () => number): void {
  if (samples.length < SAMPLES_PER_BUCKET) samples.push(value);
  else {
    const slot = Math.floor(random() * seen);
    if (slot < SAMPLES_PER_BUCKET) samples[slot] = value;
  }
}

/** A model's requests, failures, latency, TTFT, tokens and cost in fixed buckets over the last minutes. */
export class ModelWindow {
  private readonly buckets: Bucket[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Records an answered request. */
  answered(now: number, latencyMs: number, ttftMs: number | undefined, tokens: number, cost: number): void {
    const bucket = this.bucketAt(now);
    bucket.requests++;
    bucket.tokens += tokens;
    bucket.cost += cost;
    keepSample(bucket.latencies, ++bucket.latencySeen, latencyMs, this.random);
    if (ttftMs !== undefined) keepSample(bucket.ttfts, ++bucket.ttftSeen, ttftMs, this.random);
  }

  /** Records a failed attempt on the model. */
  failed(now: number): void {
    this.bucketAt(now).failedAttempts++;
  }

  /** The figures over the window ending at `now`. */
  figures(now: number): ModelFigures {
    const current = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    const first = current - (BUCKETS - 1) * BUCKET_MS;
    const inWindow = this.buckets.filter((b) => b.start >= first);
    const byStart = new Map(inWindow.map((b) => [b.start, b]));
    const latencySeries: Array<number | null> = [];
    const costSeries: number[] = [];
    for (let start = first; start <= current; start += BUCKET_MS) {
      const bucket = byStart.get(start);
      latencySeries.push(bucket ? quantile(bucket.latencies, 0.5) : null);
      costSeries.push(bucket?.cost ?? 0);
    }
    const sum = (pick: (b: Bucket) => number) => inWindow.reduce((total, b) => total + pick(b), 0);
    const latencies = inWindow.flatMap((b) => b.latencies);
    return {
      requests: sum((b) => b.requests),
      failedAttempts: sum((b) => b.failedAttempts),
      tokens: sum((b) => b.tokens),
      cost: sum((b) => b.cost),
      p50Ms: quantile(latencies, 0.5),
      p95Ms: quantile(latencies, 0.95),
      ttftP50Ms: quantile(inWindow.flatMap((b) => b.ttfts), 0.5),
      latencySeries,
      costSeries,
    };
  }

  private bucketAt(now: number): Bucket {
    const start = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.start === start) return last;
    // A clock that went back a little (another bucket in the past): count it in the newest one.
    if (last && last.start > start) return last;
    const bucket: Bucket = { start, requests: 0, failedAttempts: 0, tokens: 0, cost: 0, latencies: [], ttfts: [], latencySeen: 0, ttftSeen: 0 };
    this.buckets.push(bucket);
    while (this.buckets.length > BUCKETS) this.buckets.shift();
    return bucket;
  }
}
