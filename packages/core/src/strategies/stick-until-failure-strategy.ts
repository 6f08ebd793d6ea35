import type { CandidateView, Selection, Strategy, StrategyContext, StrategyMemory } from './strategy.js';
import { inPoolOrder, memoryNumber, memoryString, noCandidates, rotate } from './strategy-support.js';

const NAME = 'stick-until-failure';

/**
 * `stick-until-failure`, the default strategy: stay on one model until it drops out.
 *
 * - First call (no memory): the first candidate in pool order becomes the current model.
 * - While the current model is among the candidates, it is picked, whatever else has come back.
 * - When it is absent, the pick is the next candidate after it in pool order (by `index`,
 *   wrapping around) and that model becomes current. A model that recovers never reclaims
 *   traffic: it is used again only when the pointer reaches it.
 * - Order: the pick, then the other candidates in pool order starting after the pick, wrapping.
 * - When the current model fails during a request and another candidate answers it, that
 *   model becomes current (`answeredBy`), even if the failed one is still active.
 *
 * Memory: `{ current: string, index: number }`, the current model's key and pool index. The
 * index is kept because it is needed exactly when that model is absent. Returned only when it
 * changes. Note that the strategy cannot tell standby from a per-request filter (say, a vision
 * request the current model cannot serve): either way the current model is absent, so it moves on.
 *
 * Options: none.
 */
export const stickUntilFailureStrategy: Strategy = {
  name: NAME,
  select(candidates: readonly CandidateView[], context: StrategyContext): Selection {
    const pool = inPoolOrder(candidates);
    const first = pool[0];
    if (first === undefined) return noCandidates(NAME);

    const currentKey = memoryString(context.memory, 'current');
    const currentIndex = memoryNumber(context.memory, 'index');
    const currentPos = pool.findIndex((candidate) => candidate.key === currentKey);

    let pickPos: number;
    let reason: string;
    const current = pool[currentPos];
    if (current !== undefined) {
      pickPos = currentPos;
      reason = `${current.key} is the current model (${NAME})`;
    } else if (currentKey !== undefined && currentIndex !== undefined) {
      const after = pool.findIndex((candidate) => candidate.index > currentIndex);
      pickPos = after === -1 ? 0 : after;
      reason = `${pool[pickPos]?.key ?? first.key} takes over from ${currentKey}, which is unavailable (${NAME})`;
    } else {
      pickPos = 0;
      reason = `${first.key} is the first model in pool order (${NAME})`;
    }

    const order = rotate(pool, pickPos);
    const pick = order[0] ?? first;
    const changed = pick.key !== currentKey || pick.index !== currentIndex;
    return changed ? { order, reason, memory: { current: pick.key, index: pick.index } } : { order, reason };
  },
  // Stick to the model that answered after the current one failed, even if the failed one is
  // still active (below its failure threshold): otherwise the next request goes straight back.
  answeredBy(candidate: CandidateView): StrategyMemory {
    return { current: candidate.key, index: candidate.index };
  },
};
