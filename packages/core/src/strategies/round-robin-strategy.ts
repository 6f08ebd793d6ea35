import type { CandidateView, Selection, Strategy, StrategyContext } from './strategy.js';
import { inPoolOrder, memoryNumber, noCandidates, rotate } from './strategy-support.js';

const NAME = 'round-robin';

/**
 * `round-robin`: cycles through the pool in pool order, skipping absent candidates.
 *
 * The pick is the first candidate whose `index` is at or after the cursor, wrapping to the first
 * candidate; the cursor then moves to the pick's `index + 1`. Because the cursor is a pool
 * position rather than a position among the present candidates, a model that disappears or comes
 * back does not shift whose turn it is. Order: the pick, then the others in pool order from the
 * pick onwards, wrapping.
 *
 * Memory: `{ cursor: number }`, starting at 0. Options: none.
 */
export const roundRobinStrategy: Strategy = {
  name: NAME,
  select(candidates: readonly CandidateView[], context: StrategyContext): Selection {
    const pool = inPoolOrder(candidates);
    if (pool.length === 0) return noCandidates(NAME);

    const cursor = memoryNumber(context.memory, 'cursor') ?? 0;
    const at = pool.findIndex((candidate) => candidate.index >= cursor);
    const order = rotate(pool, at === -1 ? 0 : at);
    const pick = order[0];
    if (pick === undefined) return noCandidates(NAME);

    const next = pick.index + 1;
    const reason = `${pick.key} is next in ${NAME} (pool position ${pick.index})`;
    return next === cursor ? { order, reason } : { order, reason, memory: { cursor: next } };
  },
};
