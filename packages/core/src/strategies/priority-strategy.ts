import type { CandidateView, Selection, Strategy, StrategyContext } from './strategy.js';
import { readStringListOption } from './strategy-options.js';
import { noCandidates } from './strategy-support.js';

const NAME = 'priority';

/** Position of each listed name (first occurrence wins). */
function positions(list: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  list.forEach((name, position) => {
    if (!map.has(name)) map.set(name, position);
  });
  return map;
}

/**
 * Orders candidates by (modelPriority rank, providerPriority rank, `priority`, `index`) and
 * explains the pick. Shared with `session-sticky`, which falls back to it without a session id.
 *
 * @param strategyName - Name used in errors about bad options.
 */
export function orderByPriority(
  candidates: readonly CandidateView[],
  context: StrategyContext,
  strategyName: string,
): { order: CandidateView[]; reason: string } {
  const models = positions(readStringListOption(context, strategyName, 'modelPriority'));
  const providers = positions(readStringListOption(context, strategyName, 'providerPriority'));
  const modelRank = (c: CandidateView) =>
    Math.min(models.get(c.key) ?? Infinity, models.get(c.modelId) ?? Infinity);
  const providerRank = (c: CandidateView) => providers.get(c.providerId) ?? Infinity;

  const ranked = candidates.map((candidate) => ({
    candidate,
    model: modelRank(candidate),
    provider: providerRank(candidate),
  }));
  // Infinity - Infinity is NaN, so compare with explicit branches rather than subtraction.
  const compare = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
  ranked.sort(
    (a, b) =>
      compare(a.model, b.model) ||
      compare(a.provider, b.provider) ||
      compare(a.candidate.priority, b.candidate.priority) ||
      a.candidate.index - b.candidate.index,
  );

  const top = ranked[0];
  if (top === undefined) return { order: [], reason: noCandidates(strategyName).reason };
  const basis = Number.isFinite(top.model)
    ? `modelPriority #${top.model + 1}`
    : Number.isFinite(top.provider)
      ? `providerPriority #${top.provider + 1}, provider ${top.candidate.providerId}`
      : `priority ${top.candidate.priority}`;
  return {
    order: ranked.map((entry) => entry.candidate),
    reason: `${top.candidate.key} is the highest-priority candidate (${basis})`,
  };
}

/**
 * `priority`: always the best-ranked candidate present, so traffic returns to a higher-ranked
 * model as soon as it is back among the candidates. Stateless (no memory).
 *
 * Order: sorted by, in turn,
 * 1. option `modelPriority: string[]`: listed models first, in list order (an entry matches a
 *    candidate's `key` or its `modelId`, so `gpt-4o` matches every provider serving it);
 * 2. option `providerPriority: string[]`: candidates of listed provider ids first, in list order;
 * 3. the candidate's `priority` (lower first; defaults to the pool index);
 * 4. pool `index`.
 *
 * Options: `modelPriority` and `providerPriority` (both optional, default `[]`).
 */
export const priorityStrategy: Strategy = {
  name: NAME,
  select(candidates: readonly CandidateView[], context: StrategyContext): Selection {
    if (candidates.length === 0) return noCandidates(NAME);
    return orderByPriority(candidates, context, NAME);
  },
};
