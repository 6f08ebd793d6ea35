import { didYouMean } from './closest-match.js';
import { definedFields } from './defined-fields.js';
import type { AdminKeyConfig, ProxyConfig, ProxyKeyConfig } from './mesh-config.js';
import { parseEntry } from './parse-entry.js';
import { type AdminKeyEntry, type ProxyKeyEntry, proxySchema } from './proxy-schema.js';
import { type PlacedBudget, toBudget } from './resolve-budgets.js';
import type { ResolveContext } from './resolve-context.js';

const DEFAULT_BODY_SIZE = 1024 * 1024;

function toKey(entry: ProxyKeyEntry, index: number, pools: ReadonlySet<string>, budgets: PlacedBudget[], context: ResolveContext): ProxyKeyConfig | undefined {
  const path = ['proxy', 'auth', 'keys', index];
  if ((entry.key === undefined) === (entry.key_sha256 === undefined)) {
    context.issues.error(path, 'set exactly one of key and key_sha256');
  }
  entry.pools?.forEach((pool, i) => {
    if (!pools.has(pool)) context.issues.error([...path, 'pools', i], `unknown pool "${pool}"${didYouMean(pool, pools)}`);
  });
  let budget: string | undefined;
  if (entry.budget !== undefined) {
    const placed = toBudget(`key-${entry.name}`, entry.budget, [...path, 'budget'], `key:${entry.name}`, context);
    if (placed !== undefined) budgets.push({ budget: placed, path: [...path, 'budget'] });
    budget = placed?.name;
  }
  return definedFields<ProxyKeyConfig>({
    name: entry.name,
    key: entry.key,
    keySha256: entry.key_sha256?.toLowerCase(),
    pools: entry.pools && [...entry.pools],
    rpm: entry.rpm,
    budget,
  });
}

function toAdminKey(entry: AdminKeyEntry, index: number, context: ResolveContext): AdminKeyConfig {
  if ((entry.key === undefined) === (entry.key_sha256 === undefined)) {
    context.issues.error(['proxy', 'admin', 'keys', index], 'set exactly one of key and key_sha256');
  }
  return definedFields<AdminKeyConfig>({ name: entry.name, key: entry.key, keySha256: entry.key_sha256?.toLowerCase() });
}

/** Reports a name used twice in a list of keys. */
function checkUniqueNames(keys: readonly { readonly name: string }[], path: readonly string[], context: ResolveContext): void {
  const names = new Set<string>();
  keys.forEach((key, i) => {
    if (names.has(key.name)) context.issues.error([...path, i, 'name'], `duplicate key name "${key.name}"`);
    names.add(key.name);
  });
}

/**
 * Validates `proxy`. Keys' `budget` settings become budgets scoped to the key
 * (pushed onto `budgets`); the original `auth.tokens` list becomes keys named
 * `token-1`, `token-2`, ...
 */
export function resolveProxy(raw: unknown, pools: ReadonlySet<string>, budgets: PlacedBudget[], context: ResolveContext): ProxyConfig {
  const entry = raw === undefined ? {} : (parseEntry(proxySchema, raw ?? {}, ['proxy'], context) ?? {});
  const keys = (entry.auth?.keys ?? []).flatMap((key, i) => toKey(key, i, pools, budgets, context) ?? []);
  if (entry.auth?.tokens !== undefined) {
    context.issues.deprecated(['proxy', 'auth', 'tokens'], 'auth.keys');
    entry.auth.tokens.forEach((key, i) => keys.push({ name: `token-${i + 1}`, key }));
  }
  checkUniqueNames(keys, ['proxy', 'auth', 'keys'], context);
  const adminKeys = (entry.admin?.keys ?? []).map((key, i) => toAdminKey(key, i, context));
  checkUniqueNames(adminKeys, ['proxy', 'admin', 'keys'], context);
  const limits = entry.limits ?? {};
  return {
    host: entry.host ?? '127.0.0.1',
    port: entry.port ?? 8080,
    auth: { keys },
    admin: { keys: adminKeys },
    cors: { origins: [...(entry.cors?.origins ?? [])] },
    limits: definedFields({
      bodySizeBytes: limits.body_size ?? DEFAULT_BODY_SIZE,
      headerTimeoutMs: limits.header_timeout ?? 10_000,
      requestTimeoutMs: limits.request_timeout ?? 300_000,
      maxConcurrent: limits.max_concurrent,
      maxConnections: limits.max_connections,
    }),
    shutdownGraceMs: entry.shutdown_grace ?? 10_000,
  };
}
