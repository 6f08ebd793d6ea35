import type { RateLimitSnapshot } from '@modelmesh/provider';
import type { MeshModel } from './mesh-model.js';
import type { RouterContext } from './router-context.js';

type Reporter = (snapshot: RateLimitSnapshot) => void;

/** One reporter per model, shared by its attempts: a provider holds `call` for as long as a stream is open. */
const reporters = new WeakMap<MeshModel, { readonly ctx: RouterContext; readonly report: Reporter }>();

/**
 * The `reportRateLimit` of an attempt on `model`: the rate-limit headers feed the model's
 * headroom, and a model with nothing left goes to standby until its window resets. Made in
 * its own scope (an arrow inside the route loop would keep the whole attempt's scope alive
 * with the stream) and once per model.
 */
export function rateLimitReporter(ctx: RouterContext, model: MeshModel): Reporter {
  const cached = reporters.get(model);
  if (cached?.ctx === ctx) return cached.report;
  const report: Reporter = (snapshot) => {
    ctx.headroom.record(model.key, snapshot);
    const until = ctx.headroom.exhaustedUntil(snapshot, ctx.clock.now());
    if (until !== undefined) ctx.health.deactivate(model.key, 'rate-limited', until, 'the provider reported no requests or tokens left');
  };
  reporters.set(model, { ctx, report });
  return report;
}
