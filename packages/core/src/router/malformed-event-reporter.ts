import type { MalformedEventReport } from '@modelmesh/provider';
import type { MeshModel } from './mesh-model.js';
import type { RequestRun } from './request-run.js';
import type { RouterContext } from './router-context.js';

/**
 * The `reportMalformedEvent` of one streaming attempt: each skipped event becomes a
 * `stream.malformed_event` (the proxy counts them as a metric). Undefined for non-streaming
 * requests and when nobody listens, so the common case costs nothing.
 */
export function malformedEventReporter(ctx: RouterContext, run: RequestRun, model: MeshModel): ((skipped: MalformedEventReport) => void) | undefined {
  if (!run.needs.stream || !ctx.events.has('stream.malformed_event')) return undefined;
  return (skipped) =>
    ctx.events.emit('stream.malformed_event', {
      requestId: run.id,
      poolName: run.pool.definition.name,
      modelKey: model.key,
      providerId: model.providerId,
      count: skipped.count,
      excerpt: skipped.excerpt,
      at: ctx.clock.now(),
    });
}
