import { tracingOptions } from '../request-trace.js';
import type { RequestOptions } from '@modelmesh/core';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';

/** Reads the JSON object body of an API request under the configured limits. */
export function readParams(ctx: ProxyContext, ex: Exchange): Promise<Record<string, unknown>> {
  const { limits } = ctx.settings;
  return readJsonBody(ex.req, { maxBytes: limits.bodySizeBytes, idleTimeoutMs: limits.bodyIdleTimeoutMs, clock: ctx.clock }) as Promise<Record<string, unknown>>;
}

/** The `model` of a request body (400 with `param: "model"` when missing). */
export function requireModel(params: Record<string, unknown>): string {
  const model = params['model'];
  if (typeof model === 'string' && model.length > 0) return model;
  throw new HttpFailureError(
    httpFailure(400, 'you must provide a model parameter', 'invalid_request_error', { param: 'model', code: 'missing_required_parameter' }),
  );
}

/**
 * The mesh call options of a request: its abort signal (client gone, forced shutdown), the
 * key's name (for `key:<name>` budgets), the session id for `session-sticky` pools, and
 * `cache: false` when the client sent `x-modelmesh-cache: no-store`.
 */
export function requestOptions(ex: Exchange): RequestOptions {
  const session = ex.req.headers['x-session-id'];
  const cache = ex.req.headers['x-modelmesh-cache'];
  return tracingOptions(ex.trace, {
    signal: ex.signal,
    keyName: ex.key?.name,
    sessionId: typeof session === 'string' && session !== '' ? session : undefined,
    cache: typeof cache === 'string' && /(^|,)\s*no-store\s*($|,)/i.test(cache) ? false : undefined,
  });
}
