/** An amount pair as the spend guard reserves it (the guard's `SpendEstimate`; declared here to keep imports one-way). */
interface SpendEstimate {
  readonly cost: number;
  readonly tokens: number;
}

/** The largest margin learned: a provider that overruns more than this is bounded by the documented overshoot instead. */
const MAX_MARGIN = 10;
/** Per settlement within the margin, this share of the margin above the observed ratio (and 1) is kept. */
const KEEP = 0.95;

/** Scale factors of a model's estimates (1 = the estimate was enough). */
export interface Margins {
  cost: number;
  tokens: number;
}

function learn(margin: number, estimated: number, actual: number): number {
  if (!(estimated > 0)) return margin;
  const ratio = actual / estimated;
  // An overrun raises the margin at once; spending within it lets the margin sink back slowly.
  if (ratio > margin) return Math.min(ratio, MAX_MARGIN);
  const relaxed = 1 + (margin - 1) * KEEP;
  // Within 1% of the estimate counts as no margin: a ceil of a scaled count would otherwise keep one token forever.
  return Math.max(1, ratio, relaxed < 1.01 ? 1 : relaxed);
}

/**
 * How much more than its estimate each model has been seen to spend. The estimate of an
 * attempt is a guess (about 4 characters per prompt token; a provider may also return more
 * tokens than `max_tokens`), and a hard budget only holds under concurrency when every
 * reservation covers the actual spend. So reservations are scaled by a per-model margin:
 * the ratio of actual to estimated spend, raised at once by an overrun and relaxed slowly
 * back towards 1. Memory is one entry per model.
 */
export class SpendMargins {
  private readonly byModel = new Map<string, Margins>();
  /** Models with at least one settled attempt (here or, adopted, in another process). */
  private readonly settled = new Set<string>();

  /** True once the model's estimates were checked against an actual spend. */
  isCalibrated(modelKey: string): boolean {
    return this.settled.has(modelKey);
  }

  /** The model's margins, for sharing (1 and 1 when it never overran). */
  marginsOf(modelKey: string): Margins {
    return { ...(this.byModel.get(modelKey) ?? { cost: 1, tokens: 1 }) };
  }

  /** Takes over margins learned elsewhere (another process), keeping the larger of each. */
  adoptShared(modelKey: string, margins: Margins): void {
    const own = this.marginsOf(modelKey);
    const clamp = (value: number) => (Number.isFinite(value) ? Math.min(MAX_MARGIN, Math.max(1, value)) : 1);
    const next = { cost: Math.max(own.cost, clamp(margins.cost)), tokens: Math.max(own.tokens, clamp(margins.tokens)) };
    this.settled.add(modelKey);
    if (next.cost === 1 && next.tokens === 1) this.byModel.delete(modelKey);
    else this.byModel.set(modelKey, next);
  }

  /** Copies what `previous` learned of `modelKeys` (a config reload). */
  adopt(previous: SpendMargins, modelKeys: Iterable<string>): void {
    for (const key of modelKeys) {
      const margins = previous.byModel.get(key);
      if (margins) this.byModel.set(key, { ...margins });
      if (previous.settled.has(key)) this.settled.add(key);
    }
  }

  /** The estimate with the model's margins applied (unchanged for a model that never overran). */
  apply(modelKey: string, estimate: SpendEstimate): SpendEstimate {
    const margins = this.byModel.get(modelKey);
    if (!margins) return estimate;
    return { cost: estimate.cost * margins.cost, tokens: Math.ceil(estimate.tokens * margins.tokens) };
  }

  /** Learns from one settled attempt: its unscaled estimate and what it actually spent. */
  observe(modelKey: string, estimate: SpendEstimate, actual: SpendEstimate): void {
    this.settled.add(modelKey);
    const margins = this.byModel.get(modelKey) ?? { cost: 1, tokens: 1 };
    const next = { cost: learn(margins.cost, estimate.cost, actual.cost), tokens: learn(margins.tokens, estimate.tokens, actual.tokens) };
    if (next.cost === 1 && next.tokens === 1) this.byModel.delete(modelKey);
    else this.byModel.set(modelKey, next);
  }
}
