import type { SpendEstimate } from '../usage/spend-guard.js';
import type { MeshModel } from './mesh-model.js';
import type { RequestNeeds } from './request-needs.js';
import { estimateCost } from './cost.js';

/** Output assumed for a model that publishes no maximum, when the request sets no `max_tokens`. */
const UNKNOWN_MAX_OUTPUT = 4_096;

/**
 * What an attempt may spend at most: the prompt estimate plus the request's `max_tokens`
 * (or the model's largest output). Budgets reserve this worst case so that concurrent
 * requests can never together cross a hard limit; the reservation is settled to the actual
 * spend afterwards. Setting `max_tokens` makes the estimate, and so the reservation, tighter.
 */
export function estimateSpend(model: MeshModel, needs: RequestNeeds): SpendEstimate {
  const output = needs.embeddings ? 0 : (needs.maxOutputTokens ?? model.maxOutputTokens ?? UNKNOWN_MAX_OUTPUT);
  return { tokens: needs.promptTokens + output, cost: estimateCost(model.pricing, needs.promptTokens, output) ?? 0 };
}
