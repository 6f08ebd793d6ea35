import type { CandidateView, Selection, Strategy, StrategyContext } from './strategy.js';
import { formatUsd, noCandidates } from './strategy-support.js';

const NAME = 'cost-first';

/** The estimated cost, or undefined when unpriced (missing, NaN or infinite). */
function costOf(candidate: CandidateView): number | undefined {
  const cost = candidate.estimatedCost;
  return cost !== undefined && Number.isFinite(cost) ? cost : undefined;
}

/**
 * `cost-first`: the cheapest estimated cost of this request first.
 *
 * Sorts by `estimatedCost` ascending (the router's estimate for this request from the model's
 * per-token prices, not money spent so far), ties by `index`. Unpriced candidates
 * (`estimatedCost` undefined or not finite) go last, in pool order, so an unknown price never
 * passes for a free one. Stateless (no memory).
 *
 * Options: none.
 */
export const costFirstStrategy: Strategy = {
  name: NAME,
  select(candidates: readonly CandidateView[], _context: StrategyContext): Selection {
    const order = [...candidates].sort((a, b) => {
      const costA = costOf(a);
      const costB = costOf(b);
      if (costA === undefined || costB === undefined) {
        if (costA !== costB) return costA === undefined ? 1 : -1;
        return a.index - b.index;
      }
      return costA - costB || a.index - b.index;
    });
    const pick = order[0];
    if (pick === undefined) return noCandidates(NAME);
    const cost = costOf(pick);
    const reason =
      cost === undefined
        ? `${pick.key} is first in pool order; no candidate has a price (${NAME})`
        : `${pick.key} has the cheapest estimated cost ${formatUsd(cost)}`;
    return { order, reason };
  },
};
