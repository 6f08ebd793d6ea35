import { bearerSecret } from '../auth/key-table.js';
import { isLoopback } from '../auth/loopback.js';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';
import { keyRateHeaders } from './back-pressure.js';
import type { Exchange, ProxyContext } from './proxy-context.js';

/**
 * Authenticates a request: with keys configured, a valid key is required (401 otherwise), sent
 * as `Authorization: Bearer` (OpenAI's clients) or `x-api-key` (Anthropic's), and the key is
 * attached to the exchange; with none configured, only loopback peers are served, so a handler mounted on a public server by mistake still
 * serves no one else.
 */
export function authenticate(ctx: ProxyContext, ex: Exchange): void {
  if (!ctx.keys.enabled) {
    if (isLoopback(ex.req.socket.remoteAddress)) return;
    throw new HttpFailureError(
      httpFailure(401, 'Authentication is off on this proxy, so it serves loopback clients only; configure proxy.auth.keys', 'invalid_request_error', {
        code: 'invalid_api_key',
      }),
    );
  }
  const apiKey = ex.req.headers['x-api-key'];
  const secret = bearerSecret(ex.req.headers.authorization) ?? (typeof apiKey === 'string' && apiKey !== '' ? apiKey : undefined);
  const key = secret === undefined ? undefined : ctx.keys.match(secret);
  if (key) {
    ex.key = key;
    return;
  }
  const message =
    secret === undefined
      ? "You didn't provide an API key. Send it as a bearer token (Authorization: Bearer YOUR_KEY) or in an x-api-key header"
      : 'Incorrect API key provided';
  throw new HttpFailureError(httpFailure(401, message, 'invalid_request_error', { code: 'invalid_api_key' }));
}

/**
 * Applies the key's requests-per-minute limit (429 with `Retry-After`). Every answer to the
 * request, success or error, carries the window's `x-ratelimit-*` headers.
 */
export async function enforceKeyRate(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const rpm = ex.key?.rpm;
  if (!ex.key || rpm === undefined) return;
  const decision = await ctx.limiter.take(ex.key.name, rpm);
  Object.assign(ex.headers, keyRateHeaders(decision));
  if (decision.ok) return;
  throw new HttpFailureError(
    httpFailure(429, `Rate limit reached for key "${ex.key.name}": ${rpm} requests per minute`, 'rate_limit_error', {
      code: 'rate_limit_exceeded',
      headers: { 'retry-after': String(decision.resetSeconds) },
    }),
  );
}
