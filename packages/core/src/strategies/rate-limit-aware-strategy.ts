import type { CandidateView, Selection, Strategy, StrategyContext } from './strategy.js';
import { readNumberOption } from './strategy-options.js';
import { formatPercent, inPoolOrder, noCandidates } from './strategy-support.js';

const NAME = 'rate-limit-aware';

/** Headroom equal to the switch point up to float error (1 - 0.8 is 0.19999999999999996) counts as at it. */
const EPSILON = 1e-9;

/** Headroom clamped to 0..1, or undefined when unknown (missing or NaN). */
function headroomOf(candidate: CandidateView): number | undefined {
  const headroom = candidate.headroom;
  if (headroom === undefined || Number.isNaN(headroom)) return undefined;
  return Math.min(1, Math.max(0, headroom));
}

/**
 * `rate-limit-aware`: stays on a model while it has room and switches before it hits its limit.
 *
 * `headroom` is the fraction of the rate-limit or quota window left. Option `threshold` is the
 * used fraction at which to switch (default 0.8: switch when 20% or less is left).
 * - Preferred: candidates with headroom above `1 - threshold`, or unknown headroom, in pool
 *   order, so traffic sticks to the first model in the pool while it has room and returns to
 *   it as soon as its window resets.
 * - Then the candidates at or below `1 - threshold`, by headroom descending, ties by `index`.
 *   When no candidate is above, this is the whole order: the one with the most room goes first.
 *
 * Options: `threshold` (alias `rateLimit.threshold`, the config's `rate_limit.threshold`): number
 * in (0, 1], default 0.8. Stateless (no memory).
 */
export const rateLimitAwareStrategy: Strategy = {
  name: NAME,
  select(candidates: readonly CandidateView[], context: StrategyContext): Selection {
    const threshold = readNumberOption(context, NAME, ['threshold', 'rateLimit.threshold'], { fallback: 0.8, above: 0, max: 1 });
    const switchAt = 1 - threshold;

    const pool = inPoolOrder(candidates).map((candidate) => ({ candidate, headroom: headroomOf(candidate) }));
    const hasRoom = (headroom: number | undefined) => headroom === undefined || headroom > switchAt + EPSILON;
    const preferred = pool.filter((entry) => hasRoom(entry.headroom));
    const low = pool
      .filter((entry) => !hasRoom(entry.headroom))
      .sort((a, b) => (b.headroom ?? 0) - (a.headroom ?? 0) || a.candidate.index - b.candidate.index);
    const ranked = [...preferred, ...low];
    const pick = ranked[0];
    if (pick === undefined) return noCandidates(NAME);

    const limit = formatPercent(switchAt);
    let reason: string;
    if (pick.headroom === undefined) {
      reason = `${pick.candidate.key} has unknown headroom; first in pool order not known to be near its limit`;
    } else if (preferred.length > 0) {
      reason = `${pick.candidate.key} has ${formatPercent(pick.headroom)} headroom (switches at ${limit} or less)`;
    } else {
      reason = `${pick.candidate.key} has the most headroom, ${formatPercent(pick.headroom)}; every candidate is at or below ${limit}`;
    }
    return { order: ranked.map((entry) => entry.candidate), reason };
  },
};
