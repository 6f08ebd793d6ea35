import type { HealthState } from '../health/health-types.js';
import type { CandidateView } from '../strategies/strategy.js';
import { estimateCost } from './cost.js';
import type { HeadroomTracker } from './headroom-tracker.js';
import type { LatencyTracker } from './latency-tracker.js';
import type { MeshModel } from './mesh-model.js';
import type { RequestNeeds } from './request-needs.js';

/** The health reads candidate selection needs. */
export interface HealthReader {
  state(modelKey: string): HealthState;
  availability(modelKey: string): 'active' | 'half-open' | 'unavailable';
}

/** One pool member and whether it can take this request. */
export interface CandidateStatus {
  readonly model: MeshModel;
  readonly health: HealthState;
  /** Why it cannot take the request; undefined when eligible. */
  readonly skipped?: string;
  /** True when skipped only for health reasons (it may come back within the deadline). */
  readonly recovering: boolean;
}

/** Output tokens assumed when the request sets no limit, for cost and context estimates. */
const DEFAULT_OUTPUT_ESTIMATE = 256;

/** Why a model cannot serve a request's needs, or undefined if it can. */
export function capabilityMismatch(model: MeshModel, needs: RequestNeeds): string | undefined {
  const features = model.features;
  if (needs.embeddings && !model.provider.embed) return `provider ${model.providerId} offers no embeddings`;
  if (needs.tools && features.tools === false) return 'tools requested but the model does not support tools';
  if (needs.vision && features.vision === false) return 'image input but the model has no vision';
  if (needs.json && features.json === false) return 'JSON response_format but the model has no JSON mode';
  if (needs.stream && features.streaming === false) return 'streaming requested but the model cannot stream';
  if (model.contextWindow !== undefined) {
    const needed = needs.promptTokens + (needs.maxOutputTokens ?? 0);
    if (needed > model.contextWindow) {
      return `~${needed} tokens (prompt estimate + max tokens) exceed the context window of ${model.contextWindow}`;
    }
  }
  return undefined;
}

function describeStandby(health: HealthState, now: number): string {
  if (health.state === 'standby') {
    const seconds = Number.isFinite(health.until) ? `, back in ${Math.max(0, Math.ceil((health.until - now) / 1000))}s` : '';
    return `standby (${health.reason}${seconds})`;
  }
  if (health.state === 'half-open') return 'half-open trial already in flight';
  return 'unavailable';
}

/** Evaluates every member of a pool for a request, in pool order. */
export function evaluateCandidates(
  members: readonly MeshModel[],
  needs: RequestNeeds,
  health: HealthReader,
  excluded: ReadonlyMap<string, string>,
  now: number,
): CandidateStatus[] {
  return members.map((model) => {
    const state = health.state(model.key);
    const excludedWhy = excluded.get(model.key);
    if (excludedWhy !== undefined) return { model, health: state, skipped: excludedWhy, recovering: false };
    const mismatch = capabilityMismatch(model, needs);
    if (mismatch !== undefined) return { model, health: state, skipped: mismatch, recovering: false };
    if (health.availability(model.key) === 'unavailable') {
      return { model, health: state, skipped: describeStandby(state, now), recovering: true };
    }
    return { model, health: state, recovering: false };
  });
}

/** Builds the strategy's view of the eligible candidates. */
export function toCandidateViews(
  eligible: readonly CandidateStatus[],
  indexOf: (model: MeshModel) => number,
  needs: RequestNeeds,
  latency: LatencyTracker,
  headroom: HeadroomTracker,
  now: number,
): CandidateView[] {
  return eligible.map(({ model, health }) => {
    const index = indexOf(model);
    const output = needs.maxOutputTokens ?? Math.min(model.maxOutputTokens ?? DEFAULT_OUTPUT_ESTIMATE, DEFAULT_OUTPUT_ESTIMATE);
    return {
      key: model.key,
      modelId: model.modelId,
      providerId: model.providerId,
      index,
      priority: model.priority ?? index,
      weight: model.weight ?? 1,
      pricing: model.pricing,
      estimatedCost: estimateCost(model.pricing, needs.promptTokens, output),
      latency: latency.get(model.key),
      headroom: headroom.headroom(model.key, now),
      health: health.state === 'half-open' ? 'half-open' : 'active',
    };
  });
}
