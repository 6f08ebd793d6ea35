import { redactText, type ChatCompletionMessageParam } from '@modelmesh/provider';
import { evaluateCandidates, toCandidateViews } from './candidates.js';
import type { MeshModel } from './mesh-model.js';
import type { ResolvedPool } from './pool-registry.js';
import { requestNeeds } from './request-needs.js';
import type { RouterContext } from './router-context.js';

/** One pool member in an explanation. */
export interface CandidateInfo {
  /** Model key in the mesh. */
  model: string;
  /** Real model id at the provider. */
  modelId: string;
  /** Provider instance id. */
  provider: string;
  /** Connector id, e.g. `openai.llm.v1`. */
  connector: string;
  status: 'active' | 'standby' | 'half-open';
  /** Whether the strategy would send the request here. */
  selected: boolean;
  /** 1-based position in the strategy's order (eligible models only). */
  rank?: number;
  /** Why the model cannot take the request, when it cannot. */
  skipped?: string;
  /** Estimated USD cost of the request on this model. */
  estimatedCost?: number;
}

/** The result of `client.explain()`: what the router would do, without calling any provider. */
export interface RoutingExplanation {
  poolName: string;
  strategy: string;
  /** Canonical capability of the pool, if it has one. */
  capability?: string;
  /** Key of the model that would serve the request (null when none can). */
  selectedModel: string | null;
  selectedProvider: string | null;
  candidates: CandidateInfo[];
  /** Why that model was selected, or why none can be. */
  reason: string;
  /** What a stream broken after content does (`stream_recovery`). */
  streamRecovery: 'continue' | 'restart' | 'off';
  /**
   * The pool's hedge, when it has one: after `afterMs` without content the next candidate (the
   * first eligible one after the selected model, `hedgeModel`) starts in parallel.
   */
  hedge?: { afterMs: number; max: number; hedgeModel: string | null };
}

/** Status of one pool, as `client.poolStatus()` reports it. */
export interface PoolStatus {
  active: number;
  standby: number;
  total: number;
  strategy: string;
  /** The model a request would go to now. */
  currentModel: string | null;
  models: Array<{ model: string; provider: string; connector: string; status: 'active' | 'standby' | 'half-open'; reason?: string; until?: number }>;
}

/** Explains the routing of a request to `model` (with `messages`, its needs are considered too). */
export function explainRouting(ctx: RouterContext, pool: ResolvedPool, messages: readonly ChatCompletionMessageParam[] = [], sessionId?: string): RoutingExplanation {
  const definition = pool.definition;
  const now = ctx.clock.now();
  const needs = requestNeeds({ model: definition.name, messages: [...messages] }, ctx.countTokens);
  const statuses = evaluateCandidates(pool.members, needs, ctx.health, new Map(), now);
  const eligible = statuses.filter((s) => s.skipped === undefined);
  const views = toCandidateViews(eligible, (m) => pool.members.indexOf(m), needs, ctx.latency, ctx.headroom, now);
  const strategy = ctx.strategy(definition.strategy.name);
  const selection =
    strategy && views.length > 0
      ? strategy.select(views, {
          poolName: definition.name,
          options: definition.strategy.options,
          sessionId,
          stream: false,
          now,
          random: ctx.random,
          memory: ctx.pools.strategyMemory(definition.name),
        })
      : undefined;
  const order = selection?.order.map((v) => v.key) ?? [];
  const selected = order[0];
  const selectedModel = selected === undefined ? undefined : pool.members.find((m) => m.key === selected);
  const candidates = statuses.map((s): CandidateInfo => {
    const rank = order.indexOf(s.model.key);
    const view = views.find((v) => v.key === s.model.key);
    return {
      model: s.model.key,
      modelId: s.model.modelId,
      provider: s.model.providerId,
      connector: s.model.connector,
      status: s.health.state,
      selected: s.model.key === selected,
      ...(rank >= 0 ? { rank: rank + 1 } : {}),
      ...(s.skipped !== undefined ? { skipped: s.skipped } : {}),
      ...(view?.estimatedCost !== undefined ? { estimatedCost: view.estimatedCost } : {}),
    };
  });
  const reason = selection
    ? selection.reason
    : !strategy
      ? `unknown strategy "${definition.strategy.name}"`
      : statuses.some((s) => s.recovering)
        ? 'every model is in standby'
        : 'no model can serve the request';
  return {
    poolName: definition.name,
    strategy: definition.strategy.name,
    ...(definition.capability !== undefined ? { capability: definition.capability } : {}),
    selectedModel: selectedModel?.key ?? null,
    selectedProvider: selectedModel?.providerId ?? null,
    candidates,
    reason: redactText(reason),
    streamRecovery: definition.policy.streamRecovery,
    ...(definition.policy.hedge
      ? { hedge: { ...definition.policy.hedge, hedgeModel: order[1] ?? null } }
      : {}),
  };
}

/** Human-readable summary of a pool, one line per model, the selected one marked with →. */
export function describePool(ctx: RouterContext, pool: ResolvedPool): string {
  const explanation = explainRouting(ctx, pool);
  const lines = [`Pool "${explanation.poolName}" (strategy: ${explanation.strategy})`];
  for (const c of explanation.candidates) {
    const state = ctx.health.state(c.model);
    const until = state.state === 'standby' ? `: ${state.reason}` : '';
    lines.push(`  ${c.selected ? '→' : ' '} ${c.model} [${c.connector}] (${c.status}${until})`);
  }
  return lines.join('\n');
}

/** Counts and per-model states of a pool. */
export function poolStatusOf(ctx: RouterContext, pool: ResolvedPool): PoolStatus {
  const explanation = explainRouting(ctx, pool);
  const models = pool.members.map((m: MeshModel) => {
    const state = ctx.health.state(m.key);
    return {
      model: m.key,
      provider: m.providerId,
      connector: m.connector,
      status: state.state,
      ...(state.state !== 'active' ? { reason: state.reason } : {}),
      ...(state.state === 'standby' ? { until: state.until } : {}),
    };
  });
  const active = models.filter((m) => m.status !== 'standby').length;
  return {
    active,
    standby: models.length - active,
    total: models.length,
    strategy: pool.definition.strategy.name,
    currentModel: explanation.selectedModel,
    models,
  };
}
