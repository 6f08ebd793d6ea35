import { parseDuration } from '@modelmesh/core';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sendJson } from '../http/send-response.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';
import { authorizeAdmin } from './admin-auth.js';
import { redactedConfig } from './redacted-config.js';

/** One admin action on a named thing: `/admin/<things>/<name>/<action>`. */
type AdminAction = (ctx: ProxyContext, ex: Exchange, name: string) => Promise<void>;

const notFound = (what: string, name: string, code: string) =>
  new HttpFailureError(httpFailure(404, `Unknown ${what} "${name}"`, 'invalid_request_error', { code }));

/** The JSON body of an admin request, or `{}` when it has none. */
async function optionalBody(ctx: ProxyContext, ex: Exchange): Promise<Record<string, unknown>> {
  const length = ex.req.headers['content-length'];
  if ((length === undefined || length === '0') && ex.req.headers['transfer-encoding'] === undefined) {
    ex.req.resume();
    return {};
  }
  const { limits } = ctx.settings;
  return (await readJsonBody(ex.req, { maxBytes: limits.bodySizeBytes, idleTimeoutMs: limits.bodyIdleTimeoutMs, clock: ctx.clock })) as Record<string, unknown>;
}

/** The model's health as every pool reports it (health is per model, shared by pools). */
function modelState(ctx: ProxyContext, model: string) {
  for (const pool of Object.values(ctx.mesh.poolStatus())) {
    const found = pool.models.find((m) => m.model === model);
    if (found) return { model: found.model, provider: found.provider, status: found.status, ...(found.reason !== undefined ? { reason: found.reason } : {}), ...(found.until !== undefined ? { until: Number.isFinite(found.until) ? found.until : null } : {}) };
  }
  return undefined;
}

function requireModel(ctx: ProxyContext, model: string) {
  const state = modelState(ctx, model);
  if (!state) throw notFound('model', model, 'model_not_found');
  return state;
}

/** When a deactivation ends: `{ "for": "10m" }` (a duration), `{ "until": <ms since epoch> }`, or open-ended. */
function deactivationEnd(ctx: ProxyContext, body: Record<string, unknown>): number {
  const invalid = (param: string, message: string) => new HttpFailureError(httpFailure(400, message, 'invalid_request_error', { param, code: 'invalid_value' }));
  if (body['for'] !== undefined) {
    const value = body['for'];
    const ms = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
    if (ms === undefined || ms <= 0) throw invalid('for', 'for must be a positive duration, e.g. "30s", "10m" or a number of seconds');
    return ctx.clock.now() + ms;
  }
  if (body['until'] !== undefined) {
    const until = body['until'];
    if (typeof until !== 'number' || !Number.isFinite(until)) throw invalid('until', 'until must be a time in milliseconds since the epoch');
    return until;
  }
  return Infinity;
}

const deactivate: AdminAction = async (ctx, ex, model) => {
  requireModel(ctx, model);
  const until = deactivationEnd(ctx, await optionalBody(ctx, ex));
  ctx.mesh.deactivate(model, until);
  ctx.ops.recorder.note({ at: ctx.clock.now(), kind: 'admin', model, text: `${model} deactivated by an operator${Number.isFinite(until) ? ` until ${new Date(until).toISOString()}` : ''}` });
  sendJson(ex.res, 200, requireModel(ctx, model), ex.headers);
};

const reactivate: AdminAction = async (ctx, ex, model) => {
  requireModel(ctx, model);
  ex.req.resume();
  ctx.mesh.reactivate(model);
  ctx.ops.recorder.note({ at: ctx.clock.now(), kind: 'admin', model, text: `${model} reactivated by an operator` });
  sendJson(ex.res, 200, requireModel(ctx, model), ex.headers);
};

const resetBudget: AdminAction = async (ctx, ex, name) => {
  ex.req.resume();
  if (!ctx.mesh.usage.budgetStatus?.budgets[name]) throw notFound('budget', name, 'budget_not_found');
  const status = await ctx.mesh.resetBudget(name);
  ctx.ops.recorder.note({ at: ctx.clock.now(), kind: 'admin', text: `budget ${name} window reset by an operator` });
  sendJson(ex.res, 200, { ...status, resetsAt: Number.isFinite(status.resetsAt) ? status.resetsAt : null }, ex.headers);
};

const ACTIONS: Readonly<Record<string, Readonly<Record<string, AdminAction>>>> = {
  models: { deactivate, reactivate },
  budgets: { reset: resetBudget },
};

/** `GET /admin/config`: the effective configuration, secrets redacted. */
async function readConfig(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const { runtime } = ctx.ops;
  const config = runtime.config;
  sendJson(ex.res, 200, { generation: runtime.live.generation, config: config ? redactedConfig(config) : null }, ex.headers);
}

/** `POST /admin/reload`: 200 with the new generation, or 400 with every problem of the file (the running config stays). */
async function reload(ctx: ProxyContext, ex: Exchange): Promise<void> {
  ex.req.resume();
  const result = await ctx.ops.reloader.reload();
  if (result.ok) {
    sendJson(ex.res, 200, { status: 'reloaded', ...result }, ex.headers);
    return;
  }
  const count = result.issues.length === 1 ? '1 problem' : `${result.issues.length} problems`;
  sendJson(
    ex.res,
    400,
    { error: { message: `The configuration${result.source ? ` in ${result.source}` : ''} is invalid (${count}); the running configuration stays`, type: 'invalid_request_error', param: null, code: 'invalid_config' }, issues: result.issues },
    ex.headers,
  );
}

/**
 * Serves `/admin/...` (the path after it): `GET config`, `POST reload`, `POST
 * models/{key}/deactivate|reactivate`, `POST budgets/{name}/reset`. Each needs an admin key
 * ({@link authorizeAdmin}); the route table checks the method.
 */
export async function serveAdmin(ctx: ProxyContext, ex: Exchange, path: string): Promise<void> {
  authorizeAdmin(ctx, ex);
  if (path === 'config') return readConfig(ctx, ex);
  if (path === 'reload') return reload(ctx, ex);
  const slash = path.indexOf('/');
  const last = path.lastIndexOf('/');
  const action = slash > 0 && last > slash ? ACTIONS[path.slice(0, slash)]?.[path.slice(last + 1)] : undefined;
  if (!action) throw new HttpFailureError(httpFailure(404, `Unknown admin URL: /admin/${path}`, 'invalid_request_error', { code: 'unknown_url' }));
  return action(ctx, ex, decodeURIComponent(path.slice(slash + 1, last)));
}

/** The method of an admin path: reading the config is a GET, everything else changes something (POST). */
export const adminMethod = (path: string): 'GET' | 'POST' => (path === 'config' ? 'GET' : 'POST');
