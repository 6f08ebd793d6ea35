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

/**
 * Admits a request to the admin API or the status page. With `proxy.admin.keys` configured
 * it needs one of them, as a bearer token or as the password of HTTP Basic auth (what a
 * browser sends after its login prompt; EventSource sends it again by itself). Client keys
 * never qualify. With no admin key configured, only loopback peers are served.
 */
export function authorizeAdmin(ctx: ProxyContext, ex: Exchange): void {
  const keys = ctx.ops.runtime.adminKeys;
  if (!keys.enabled) {
    if (isLoopback(ex.req.socket.remoteAddress)) return;
    throw new HttpFailureError(
      httpFailure(403, 'No admin key is configured, so the admin API and the status page serve loopback clients only; configure proxy.admin.keys', 'permission_error', {
        code: 'admin_loopback_only',
      }),
    );
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
