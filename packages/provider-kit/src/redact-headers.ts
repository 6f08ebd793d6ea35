import { REDACTED } from '@modelmesh/provider';

/** Header names whose values are credentials. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'cookie', 'set-cookie']);

/** Any other header whose name says it carries a secret (e.g. `x-portkey-api-key`, `x-auth-token`). */
const SECRET_HEADER_NAME = /(api[-_]?key|secret|token|password|credential)/i;

/** True when a header's value must never be logged. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || SECRET_HEADER_NAME.test(lower);
}

/**
 * A copy of `headers` that is safe to log: credential headers (`Authorization`, `x-api-key`,
 * `x-goog-api-key`, ...) keep their scheme (`Bearer`) but lose the value. Names are lowercased.
 */
export function redactHeaders(headers: Headers | Readonly<Record<string, string | undefined>>): Record<string, string> {
  const entries: [string, string][] =
    typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function'
      ? [...(headers as Headers).entries()]
      : Object.entries(headers as Record<string, string | undefined>).filter((e): e is [string, string] => e[1] !== undefined);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!isSecretHeader(lower)) out[lower] = value;
    else {
      const scheme = /^(bearer|basic|token)\s+/i.exec(value)?.[1];
      out[lower] = scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
    }
  }
  return out;
}
