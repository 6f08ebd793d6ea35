import type { CandidateView, Selection, Strategy, StrategyContext } from './strategy.js';
import { readWeightsOption } from './strategy-options.js';
import { inPoolOrder, memoryRecord, noCandidates } from './strategy-support.js';

const NAME = 'weighted';

/**
 * `weighted`: smooth weighted round-robin (the nginx algorithm) on static weights.
 *
 * Each call adds every present candidate's weight to its current weight, picks the highest
 * current weight (ties: lowest `index`) and subtracts the total weight of the present candidates
 * from the pick. With integer weights and a stable candidate set, every `sum(weights)` calls pick
 * each model exactly `weight` times, interleaved rather than in bursts: weights
 * `{ a: 5, b: 1, c: 1 }` give `a a b a c a a`.
 *
 * - Weight: option `weights[key]` when given, else `candidate.weight`.
 * - A weight of 0 means "backup only": never picked while some candidate has a positive weight.
 *   If every present weight is 0, all count as 1 (plain round-robin) rather than failing.
 * - A key absent from the candidates is dropped from memory, so a model returning from standby
 *   starts fresh at 0 instead of cashing in (or paying off) credit from before its absence.
 * - Order: the pick, then the others by weight (descending), then `index`.
 *
 * Memory: `{ currentWeights: Record<key, number> }`.
 *
 * Options: `weights` (alias `modelWeights`, the config's `model_weights`): map of model key to a
 * number >= 0.
 */
export const weightedStrategy: Strategy = {
  name: NAME,
  select(candidates: readonly CandidateView[], context: StrategyContext): Selection {
    const pool = inPoolOrder(candidates);
    if (pool.length === 0) return noCandidates(NAME);

    const overrides = readWeightsOption(context, NAME, ['weights', 'modelWeights']);
    const configured = pool.map((candidate) => overrides.get(candidate.key) ?? candidate.weight);
    // A non-finite or negative candidate.weight would break the zero-sum invariant; treat it as 0.
    const sane = configured.map((weight) => (Number.isFinite(weight) && weight > 0 ? weight : 0));
    const allZero = sane.every((weight) => weight === 0);
    const weights = allZero ? sane.map(() => 1) : sane;
    const total = weights.reduce((sum, weight) => sum + weight, 0);

    const previous = memoryRecord(context.memory, 'currentWeights') ?? {};
    const current = pool.map((candidate, position) => {
      const before = Object.hasOwn(previous, candidate.key) ? previous[candidate.key] : undefined;
      const start = typeof before === 'number' && Number.isFinite(before) ? before : 0;
      return start + (weights[position] ?? 0);
    });

    let pickPos = -1;
    current.forEach((value, position) => {
      if ((weights[position] ?? 0) <= 0) return;
      if (pickPos === -1 || value > (current[pickPos] ?? -Infinity)) pickPos = position;
    });
    const pick = pool[pickPos];
    if (pick === undefined) return noCandidates(NAME);
    current[pickPos] = (current[pickPos] ?? 0) - total;

    const others = pool
      .map((candidate, position) => ({ candidate, weight: weights[position] ?? 0 }))
      .filter((entry) => entry.candidate !== pick)
      .sort((a, b) => b.weight - a.weight || a.candidate.index - b.candidate.index)
      .map((entry) => entry.candidate);

    // Zero-weight keys stay at 0 forever, so storing them would only grow memory.
    const currentWeights = Object.fromEntries(
      pool.flatMap((candidate, position) =>
        (weights[position] ?? 0) > 0 ? [[candidate.key, current[position] ?? 0] as const] : [],
      ),
    );
    const weight = weights[pickPos] ?? 0;
    return {
      order: [pick, ...others],
      reason: `${pick.key} is next in ${NAME} rotation (weight ${weight} of ${total})`,
      memory: { currentWeights },
    };
  },
};
