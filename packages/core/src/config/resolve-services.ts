import type { ObservabilityConfig, SecretsConfig, StateConfig } from './mesh-config.js';
import { parseEntry } from './parse-entry.js';
import type { ResolveContext } from './resolve-context.js';
import { type ObservabilityEntry, observabilitySchema, type SecretsEntry, secretsSchema, stateSchema } from './service-schemas.js';
import { definedFields } from './defined-fields.js';
import { PLANNED_OBSERVABILITY_KEYS, warnPlannedKeys } from './planned-keys.js';
import type { EntryContext } from './parse-entry.js';

/** The `secrets` section: settings for the result, plus the inline values for substitution. */
export interface ResolvedSecrets {
  config: SecretsConfig;
  values: Readonly<Record<string, string>>;
}

/** Validates `secrets` (already substituted with environment variables only). */
export function resolveSecrets(raw: unknown, context: EntryContext): ResolvedSecrets {
  const entry: SecretsEntry | undefined = raw === undefined ? {} : parseEntry(secretsSchema, raw ?? {}, ['secrets'], context);
  if (entry?.connector !== undefined) context.issues.deprecated(['secrets', 'connector'], 'store');
  const store = entry?.store ?? entry?.connector;
  const inline = store === 'inline' || store === 'modelmesh.memory-secrets.v1';
  return {
    config: definedFields<SecretsConfig>({ store: inline ? 'inline' : 'env', prefix: entry?.prefix }),
    values: { ...entry?.values },
  };
}

/** Validates `state`. */
export function resolveState(raw: unknown, context: ResolveContext): StateConfig {
  const entry = raw === undefined ? {} : (parseEntry(stateSchema, raw ?? {}, ['state'], context) ?? {});
  const store = entry.store ?? 'memory';
  if (store === 'redis' && entry.url === undefined) context.issues.error(['state', 'url'], 'is required with store: redis (e.g. url: ${REDIS_URL})');
  if (store === 'memory') {
    for (const key of ['url', 'prefix', 'key_prefix', 'on_unavailable', 'timeout'] as const) {
      if (entry[key] !== undefined) context.issues.warn(['state', key], 'has no effect with store: memory (the default); set store: redis to share state between processes');
    }
  }
  return definedFields<StateConfig>({
    store,
    url: entry.url,
    keyPrefix: entry.prefix ?? entry.key_prefix ?? 'modelmesh:',
    onUnavailable: entry.on_unavailable ?? 'local',
    timeoutMs: entry.timeout ?? 1_000,
  });
}

/** Validates `observability`, including the original flat `connector` + `config` form. */
export function resolveObservability(raw: unknown, context: ResolveContext): { config: ObservabilityConfig; entry: ObservabilityEntry } {
  const entry = raw === undefined ? {} : (parseEntry(observabilitySchema, raw ?? {}, ['observability'], context) ?? {});
  warnPlannedKeys(entry, PLANNED_OBSERVABILITY_KEYS, ['observability'], context.issues);
  const config = definedFields<ObservabilityConfig>({
    logLevel: entry.log_level ?? 'info',
    events: entry.events ?? true,
    connector: entry.connector,
    config: entry.config && { ...entry.config },
  });
  return { config, entry };
}
