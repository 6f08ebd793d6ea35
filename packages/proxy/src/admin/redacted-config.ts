import { REDACTED, redactSecrets, type MeshConfig } from '@modelmesh/core';

/** Fields that hold a credential or stand for one, whatever the generic redaction thinks of their names. */
const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(['key', 'keySha256', 'apiKey', 'headers', 'query']);

/** Every secret value the config holds, so that a copy quoted anywhere else is hidden too. */
function knownSecrets(config: MeshConfig): string[] {
  const secrets: string[] = [];
  for (const provider of Object.values(config.providers)) {
    if (provider.apiKey) secrets.push(provider.apiKey);
    for (const value of Object.values(provider.headers ?? {})) secrets.push(value);
    for (const value of Object.values(provider.query ?? {})) secrets.push(value);
  }
  for (const key of [...config.proxy.auth.keys, ...config.proxy.admin.keys]) if (key.key) secrets.push(key.key);
  return secrets;
}

/** Replaces credential fields (keeping the names of headers and query parameters, not their values). */
function hideCredentials(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideCredentials);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value)) {
    if (!CREDENTIAL_FIELDS.has(field) || item === undefined) out[field] = hideCredentials(item);
    else if (item !== null && typeof item === 'object') out[field] = Object.fromEntries(Object.keys(item).map((name) => [name, REDACTED]));
    else out[field] = REDACTED;
  }
  return out;
}

/** A URL without its user information (a Redis URL may carry a password). */
const withoutUserInfo = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, `$1${REDACTED}@`);

/**
 * The effective configuration as the admin API shows it: every key, API key, header and
 * query value replaced by `[REDACTED]`, passwords in URLs hidden, and any copy of a secret
 * value elsewhere masked.
 */
export function redactedConfig(config: MeshConfig): unknown {
  const state = config.state.url === undefined ? config.state : { ...config.state, url: withoutUserInfo(config.state.url) };
  return redactSecrets(hideCredentials({ ...config, state }), knownSecrets(config));
}
