import type { BudgetWindowStatus, MeshClient } from '@modelmesh/core';
import { BUCKET_MS, BUCKETS, type ModelFigures } from './model-window.js';
import type { StatusEvent, StatusRecorder } from './status-recorder.js';

/** One pool member on the page. */
export interface MemberStatus {
  readonly model: string;
  readonly modelId: string;
  readonly provider: string;
  readonly status: 'active' | 'standby' | 'half-open';
  /** Why it is (or, on trial, was) in standby. */
  readonly reason?: string;
  readonly detail?: string;
  /** Standby: when it is due back (ms since epoch); absent for an open-ended standby. */
  readonly until?: number;
  /** Standby: ms left of the cooldown; absent for an open-ended standby. */
  readonly remainingMs?: number;
  /** The model a request would go to now. */
  readonly selected: boolean;
  /** 1-based position in the strategy's order, when eligible. */
  readonly rank?: number;
  /** Why it cannot take a request now. */
  readonly skipped?: string;
}

/** One pool on the page. */
export interface PoolView {
  readonly name: string;
  readonly strategy: string;
  readonly capability?: string;
  readonly selected: string | null;
  readonly reason: string;
  readonly members: readonly MemberStatus[];
}

/** One model's figures over the window. */
export interface ModelView extends ModelFigures {
  readonly model: string;
}

/** Everything the status page shows, sent whole on every update (small: a few kB). */
export interface StatusSnapshot {
  readonly at: number;
  /** Config generation: 1 at start, +1 per reload. */
  readonly generation: number;
  readonly windowMs: number;
  readonly bucketMs: number;
  readonly pools: readonly PoolView[];
  readonly models: readonly ModelView[];
  readonly totals: { readonly requests: number; readonly failedAttempts: number; readonly tokens: number; readonly cost: number; readonly costSeries: readonly number[] };
  readonly budgets: readonly BudgetWindowStatus[];
  readonly events: readonly StatusEvent[];
}

/** Builds the snapshot from the mesh's introspection and what the recorder saw. */
export function statusSnapshot(mesh: MeshClient, recorder: StatusRecorder, generation: number, now: number): StatusSnapshot {
  const status = mesh.poolStatus();
  const pools = Object.entries(status).map(([name, pool]): PoolView => {
    const explanation = mesh.explain({ model: name });
    const members = pool.models.map((m): MemberStatus => {
      const candidate = explanation.candidates.find((c) => c.model === m.model);
      const note = m.status === 'active' ? undefined : recorder.standbyNote(m.model);
      const finite = m.until !== undefined && Number.isFinite(m.until);
      return {
        model: m.model,
        modelId: candidate?.modelId ?? m.model,
        provider: m.provider,
        status: m.status,
        ...(m.reason !== undefined ? { reason: m.reason } : {}),
        ...(note?.detail !== undefined ? { detail: note.detail } : {}),
        ...(finite ? { until: m.until, remainingMs: Math.max(0, (m.until ?? now) - now) } : {}),
        selected: candidate?.selected ?? false,
        ...(candidate?.rank !== undefined ? { rank: candidate.rank } : {}),
        ...(candidate?.skipped !== undefined ? { skipped: candidate.skipped } : {}),
      };
    });
    return {
      name,
      strategy: pool.strategy,
      ...(explanation.capability !== undefined ? { capability: explanation.capability } : {}),
      selected: explanation.selectedModel,
      reason: explanation.reason,
      members,
    };
  });
  const figures = recorder.figures();
  const members = new Set(pools.flatMap((p) => p.members.map((m) => m.model)));
  // Models of the current config first, in pool order; others (dropped by a reload) while their figures last.
  const keys = [...new Set([...members, ...figures.keys()])].filter((key) => figures.has(key) || members.has(key));
  const models = keys.map((model): ModelView => ({ model, ...(figures.get(model) ?? emptyFigures()) }));
  const costSeries = Array.from({ length: BUCKETS }, (_, i) => models.reduce((sum, m) => sum + (m.costSeries[i] ?? 0), 0));
  return {
    at: now,
    generation,
    windowMs: BUCKETS * BUCKET_MS,
    bucketMs: BUCKET_MS,
    pools,
    models,
    totals: {
      requests: models.reduce((sum, m) => sum + m.requests, 0),
      failedAttempts: models.reduce((sum, m) => sum + m.failedAttempts, 0),
      tokens: models.reduce((sum, m) => sum + m.tokens, 0),
      cost: models.reduce((sum, m) => sum + m.cost, 0),
      costSeries,
    },
    budgets: Object.values(mesh.usage.budgetStatus?.budgets ?? {}),
    events: recorder.events(),
  };
}

function emptyFigures(): ModelFigures {
  return { requests: 0, failedAttempts: 0, tokens: 0, cost: 0, p50Ms: null, p95Ms: null, ttftP50Ms: null, latencySeries: Array<null>(BUCKETS).fill(null), costSeries: Array<number>(BUCKETS).fill(0) };
}
