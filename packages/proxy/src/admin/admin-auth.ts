import { bearerSecret } from '../auth/key-table.js';
import { isLoopback } from '../auth/loopback.js';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';

/** The password of an `Authorization: Basic` header (the user name is ignored), so a browser's login prompt works for the status page. */
function basicPassword(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/** The host name of a `Host` header (`[::1]:8080` → `[::1]`, `localhost:8080` → `localhost`). */
const hostName = (host: string | undefined): string | undefined => (host === undefined ? undefined : /^(\[[^\]]*\]|[^:]*)/.exec(host)?.[1]);

const forbidden = (message: string, code: string) => new HttpFailureError(httpFailure(403, message, 'permission_error', { code }));

/**
 * Refuses what a web page in the operator's browser could send on its own: a change (any method
 * but GET) from another site, which the browser would send with the operator's cached Basic
 * credentials or, without admin keys, from the loopback peer the proxy trusts.
 */
function refuseCrossSite(ex: Exchange): void {
  if (ex.req.method === 'GET') return;
  const site = ex.req.headers['sec-fetch-site'];
  const origin = ex.req.headers.origin;
  let originHost: string | undefined;
  try {
    originHost = origin === undefined || origin === 'null' ? origin : new URL(origin).host;
  } catch {
    originHost = 'unparsable';
  }
  if (site === 'cross-site' || site === 'same-site' || (origin !== undefined && originHost !== ex.req.headers.host)) {
    throw forbidden('Admin requests from another site are refused', 'cross_site_admin_request');
  }
}

/**
 * Admits a request to the admin API or the status page. With `proxy.admin.keys` configured
 * it needs one of them, as a bearer token or as the password of HTTP Basic auth (what a
 * browser sends after its login prompt; EventSource sends it again by itself). Client keys
 * never qualify. With no admin key configured, only loopback peers that asked for a loopback
 * host are served. Changes from another site are refused either way.
 */
export function authorizeAdmin(ctx: ProxyContext, ex: Exchange): void {
  refuseCrossSite(ex);
  const keys = ctx.ops.runtime.adminKeys;
  if (!keys.enabled) {
    // A loopback peer asking for another host name is a browser led there by DNS rebinding.
    if (isLoopback(ex.req.socket.remoteAddress) && isLoopback(hostName(ex.req.headers.host))) return;
    throw forbidden('No admin key is configured, so the admin API and the status page serve loopback clients (at a loopback address) only; configure proxy.admin.keys', 'admin_loopback_only');
  }
  const header = ex.req.headers.authorization;
  const secret = bearerSecret(header) ?? basicPassword(header);
  if (secret !== undefined && keys.match(secret)) return;
  throw new HttpFailureError(
    httpFailure(401, secret === undefined ? 'An admin key is required: send it as a bearer token or as the Basic auth password' : 'Incorrect admin key', 'invalid_request_error', {
      code: 'invalid_admin_key',
      headers: { 'www-authenticate': 'Basic realm="ModelMesh admin", charset="UTF-8"' },
    }),
  );
}
