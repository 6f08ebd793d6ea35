import { sendJson, sendText } from '../http/send-response.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';

/** `GET /healthz`: the process answers (liveness). */
export async function healthz(_ctx: ProxyContext, ex: Exchange): Promise<void> {
  sendJson(ex.res, 200, { status: 'ok' }, ex.headers);
}

/** Whether the proxy should receive traffic: not draining, and at least one model active. */
export function readiness(ctx: ProxyContext): { ready: boolean; draining: boolean; activeModels: number } {
  const draining = ctx.isDraining();
  const active = new Set<string>();
  for (const pool of Object.values(ctx.mesh.poolStatus())) {
    for (const model of pool.models) if (model.status !== 'standby') active.add(model.model);
  }
  return { ready: !draining && active.size > 0, draining, activeModels: active.size };
}

/** `GET /readyz`: 200 when ready, else 503 (load balancers stop sending traffic). */
export async function readyz(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const state = readiness(ctx);
  sendJson(ex.res, state.ready ? 200 : 503, { status: state.ready ? 'ready' : 'not ready', ...state }, ex.headers);
}

/** `GET /metrics`: Prometheus text exposition, scoped to the key's pools when it is restricted. */
export async function metrics(ctx: ProxyContext, ex: Exchange): Promise<void> {
  sendText(ex.res, 200, ctx.metrics.render(ctx.access.metricsScope(ex.key)), 'text/plain; version=0.0.4; charset=utf-8', ex.headers);
}
