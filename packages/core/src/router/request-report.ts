import type { ChatCompletion, CompletionUsage, ModelMeshError } from '@modelmesh/provider';
import type { AttemptReport, RequestReport } from '../middleware/request-report.js';
import type { MeshModel } from './mesh-model.js';
import type { RequestRun } from './request-run.js';

/** How a routed request ended, as far as its report needs. */
export interface ReportInput {
  readonly ok: boolean;
  readonly model?: MeshModel;
  readonly failure?: ModelMeshError;
  readonly cancelled?: boolean;
  readonly completion?: ChatCompletion;
  readonly usage?: CompletionUsage;
  readonly responseModel?: string;
  readonly cost: number;
  readonly latencyMs: number;
  readonly timeToFirstTokenMs?: number;
}

/** Times the request moved from one model to another. */
export function countFailovers(attempts: readonly AttemptReport[]): number {
  let moves = 0;
  for (let i = 1; i < attempts.length; i++) if (attempts[i]?.modelKey !== attempts[i - 1]?.modelKey) moves++;
  return moves;
}

/** The `onRequestEnd` report of a routed request. */
export function routedReport(run: RequestRun, end: ReportInput): RequestReport {
  const attempts = run.attemptLog ?? [];
  const { model } = end;
  return {
    context: run.request,
    ok: end.ok,
    cancelled: end.cancelled === true,
    ...(end.failure ? { error: end.failure } : {}),
    cacheHit: false,
    ...(end.ok && model ? { answeredBy: { modelKey: model.key, modelId: model.modelId, providerId: model.providerId, connector: model.connector } } : {}),
    ...(end.responseModel !== undefined ? { responseModel: end.responseModel } : {}),
    attempts,
    failovers: countFailovers(attempts),
    latencyMs: end.latencyMs,
    ...(end.timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs: end.timeToFirstTokenMs } : {}),
    ...(end.usage ? { usage: end.usage } : {}),
    cost: end.cost,
    ...(end.ok && end.completion ? { completion: end.completion } : {}),
  };
}
