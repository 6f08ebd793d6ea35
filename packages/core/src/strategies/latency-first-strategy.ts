import type { CandidateView, Selection, Strategy, StrategyContext } from './strategy.js';
import { readNumberOption } from './strategy-options.js';
import { formatMs, inPoolOrder, noCandidates, pickFirst } from './strategy-support.js';

const NAME = 'latency-first';

/** Which latency figure ranks a candidate for this request, or undefined when it is untried. */
function measure(candidate: CandidateView, stream: boolean, minSamples: number): { ms: number; ttft: boolean } | undefined {
  const latency = candidate.latency;
  if (latency === undefined || latency.samples < minSamples) return undefined;
  if (stream && latency.ttftEwmaMs !== undefined && Number.isFinite(latency.ttftEwmaMs)) {
    return { ms: latency.ttftEwmaMs, ttft: true };
  }
  return Number.isFinite(latency.ewmaMs) ? { ms: latency.ewmaMs, ttft: false } : undefined;
}

function untriedDetail(candidate: CandidateView, minSamples: number): string {
  const latency = candidate.latency;
  if (latency === undefined) return 'no latency data yet';
  if (latency.samples < minSamples) return `${latency.samples} of ${minSamples} samples`;
  return 'no usable latency figure';
}

/**
 * `latency-first`: the fastest model first, with exploration so new models get measured.
 *
 * - Figure: for a streaming request, `latency.ttftEwmaMs` (time to first token) when defined;
 *   otherwise `latency.ewmaMs` (whole request).
 * - Untried candidates (no `latency`, fewer than `minSamples` samples, or no finite figure) come
 *   first, in pool order: without a measurement they could never earn traffic.
 * - Then the tried candidates by figure ascending, ties by `index`.
 * - Exploration: with two or more candidates and `explorationRate > 0`, one `context.random()`
 *   draw decides; below `explorationRate` a second draw picks a candidate uniformly at random,
 *   which moves to the front (the rest keep the order above). This keeps measurements of slower
 *   models fresh so a model that got faster can win again. No draw is made otherwise.
 *
 * Options: `minSamples` (integer >= 0, default 1), `explorationRate` (0..1, default 0.05).
 * Stateless (no memory): the latency statistics live with the router.
 */
export const latencyFirstStrategy: Strategy = {
  name: NAME,
  select(candidates: readonly CandidateView[], context: StrategyContext): Selection {
    const minSamples = readNumberOption(context, NAME, 'minSamples', { fallback: 1, min: 0, integer: true });
    const explorationRate = readNumberOption(context, NAME, 'explorationRate', { fallback: 0.05, min: 0, max: 1 });

    const measured = inPoolOrder(candidates).map((candidate) => ({
      candidate,
      figure: measure(candidate, context.stream, minSamples),
    }));
    const untried = measured.filter((entry) => entry.figure === undefined);
    const tried = measured
      .filter((entry) => entry.figure !== undefined)
      .sort((a, b) => (a.figure?.ms ?? 0) - (b.figure?.ms ?? 0) || a.candidate.index - b.candidate.index);
    const ranked = [...untried, ...tried];
    const order = ranked.map((entry) => entry.candidate);
    const best = ranked[0];
    if (best === undefined) return noCandidates(NAME);

    if (order.length > 1 && explorationRate > 0 && context.random() < explorationRate) {
      // Clamp: a RandomSource returning exactly 1 (or garbage) must not index past the end.
      const drawn = Math.floor(context.random() * order.length);
      const position = Number.isFinite(drawn) ? Math.min(order.length - 1, Math.max(0, drawn)) : 0;
      const pick = order[position] ?? best.candidate;
      return {
        order: pickFirst(order, pick),
        reason: `${pick.key} picked at random to explore (explorationRate ${explorationRate})`,
      };
    }

    const figure = best.figure;
    const reason =
      figure === undefined
        ? `${best.candidate.key} is untried (${untriedDetail(best.candidate, minSamples)}); untried models go first`
        : `${best.candidate.key} has the lowest ${figure.ttft ? 'time to first token' : 'latency'}, ${formatMs(figure.ms)}`;
    return { order, reason };
  },
};
