import { httpFailure, HttpFailureError } from '../http/openai-error.js';
import { sendJson } from '../http/send-response.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';

/** `GET /v1/models`: the pools, as virtual models (only those the key may use). */
export async function listModels(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const list = await ctx.mesh.models.list();
  sendJson(ex.res, 200, { ...list, data: list.data.filter((model) => ctx.access.allows(ex.key, model.id)) }, ex.headers);
}

/** `GET /v1/models/{id}`: one virtual model, or 404. */
export async function retrieveModel(ctx: ProxyContext, ex: Exchange, id: string): Promise<void> {
  const list = await ctx.mesh.models.list();
  const model = list.data.find((m) => m.id === id);
  if (!model || !ctx.access.allows(ex.key, model.id)) {
    throw new HttpFailureError(httpFailure(404, `The model '${id}' does not exist`, 'invalid_request_error', { param: 'model', code: 'model_not_found' }));
  }
  sendJson(ex.res, 200, model, ex.headers);
}

/** `GET /v1/pools`: `poolStatus()` of every pool the key may use. */
export async function listPools(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const pools = Object.fromEntries(Object.entries(ctx.mesh.poolStatus()).filter(([name]) => ctx.access.allows(ex.key, name)));
  sendJson(ex.res, 200, { object: 'list', pools }, ex.headers);
}
