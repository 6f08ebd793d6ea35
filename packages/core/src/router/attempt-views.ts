import type { MiddlewareContext } from '../middleware/middleware.js';
import type { MeshModel } from './mesh-model.js';
import type { RequestRun } from './request-run.js';

/** The middleware context of one attempt: plain data, so a `{ ...context }` copy keeps everything. */
export function attemptContext(run: RequestRun, model: MeshModel, signal: AbortSignal): MiddlewareContext {
  return {
    requestId: run.id,
    poolName: run.pool.definition.name,
    modelKey: model.key,
    modelId: model.modelId,
    providerId: model.providerId,
    connector: model.connector,
    attempt: run.attempts,
    stream: run.needs.stream,
    signal,
    metadata: { ...run.options.metadata },
    request: run.request,
  };
}
