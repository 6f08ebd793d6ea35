import { didYouMean } from './closest-match.js';
import type { ConfigPath } from './config-path.js';
import { definedFields } from './defined-fields.js';
import type { ProviderConfig } from './mesh-config.js';
import { parseEntry } from './parse-entry.js';
import { type ProviderEntry, providerSchema } from './provider-schema.js';
import { originalBudgets } from './original-budgets.js';
import type { PlacedBudget } from './placed-budget.js';
import type { ResolveContext } from './resolve-context.js';

/** Resolves provider references (by id or by connector id) for models and pool filters. */
export interface ProviderIndex {
  /** The provider id a reference names, or undefined after reporting the problem at `path`. */
  resolve(reference: string, path: ConfigPath): string | undefined;
  /** The connector of a provider id, when it is declared in the document. */
  connectorOf(id: string): string | undefined;
}

const CONNECTION_KEYS = ['api_key', 'base_url', 'headers', 'query', 'organization', 'project', 'timeout', 'max_connections'] as const;

/** Moves the original `config: {...}` block onto the provider, reporting keys set in both places. */
function flattenOriginalConfig(entry: ProviderEntry, path: ConfigPath, context: ResolveContext): ProviderEntry {
  const { config } = entry;
  if (config === undefined) return entry;
  context.issues.deprecated([...path, 'config'], 'keys directly on the provider');
  const flat: ProviderEntry = { ...entry };
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!(CONNECTION_KEYS as readonly string[]).includes(key)) extra[key] = value;
    else if (entry[key as (typeof CONNECTION_KEYS)[number]] !== undefined) {
      context.issues.error([...path, 'config', key], `${key} is also set on the provider; keep one`);
    } else (flat as Record<string, unknown>)[key] = value;
  }
  // Unknown keys of the original block were plugin settings.
  flat.options = { ...extra, ...entry.options };
  return flat;
}

function toProvider(id: string, entry: ProviderEntry): ProviderConfig {
  return definedFields<ProviderConfig>({
    id,
    connector: entry.connector ?? id,
    enabled: entry.enabled ?? true,
    // `${KEY:-}` is the usual way to make a key optional; an empty key means "none".
    apiKey: entry.api_key === '' ? undefined : entry.api_key,
    baseUrl: entry.base_url,
    headers: { ...entry.headers },
    query: { ...entry.query },
    organization: entry.organization,
    project: entry.project,
    timeoutMs: entry.timeout,
    maxConnections: entry.max_connections,
    options: { ...entry.options },
    limits: entry.limits === undefined ? undefined : { ...entry.limits },
  });
}

/**
 * Validates `providers`. An id alone is a valid provider (`openai: {}`), and
 * an original connector id used as the key (`groq.api.v1:`) is its own connector.
 */
export function resolveProviders(entries: readonly [string, unknown][], context: ResolveContext) {
  const providers: Record<string, ProviderConfig> = {};
  const budgets: PlacedBudget[] = [];
  const declared = new Set(entries.map(([id]) => id));
  for (const [id, raw] of entries) {
    const path = ['providers', id];
    const parsed = parseEntry(providerSchema, raw ?? {}, path, context);
    if (parsed === undefined) continue;
    const entry = flattenOriginalConfig(parsed, path, context);
    // createMesh and the CLI quote the connector when no package handles it, outside the loader's scrubbing.
    if (entry.connector !== undefined && context.secretValues.some((secret) => secret !== '' && entry.connector?.includes(secret))) {
      context.issues.error([...path, 'connector'], 'must not come from a secret: connector ids are shown in messages');
    }
    providers[id] = toProvider(id, entry);
    if (entry.budget !== undefined) {
      context.issues.deprecated([...path, 'budget'], `budgets with scope provider:${id}`);
      for (const budget of originalBudgets(entry.budget, `provider:${id}`, `provider-${id}`)) budgets.push({ budget, path: [...path, 'budget'] });
    }
  }

  const known = new Set([...declared, ...context.knownProviders]);
  const index: ProviderIndex = {
    resolve(reference, path) {
      if (known.has(reference)) return reference;
      const byConnector = Object.values(providers).filter((provider) => provider.connector === reference);
      const [only] = byConnector;
      if (byConnector.length === 1 && only !== undefined) return only.id;
      if (byConnector.length > 1) {
        const ids = byConnector.map((provider) => provider.id).join(', ');
        context.issues.error(path, `provider "${reference}" is ambiguous: it is the connector of ${ids}; use one of those ids`);
        return undefined;
      }
      const expected = known.size === 0 ? 'no providers are declared' : `expected one of ${[...known].join(', ')}`;
      context.issues.error(path, `unknown provider "${reference}"; ${expected}${didYouMean(reference, known)}`);
      return undefined;
    },
    connectorOf: (id) => (Object.hasOwn(providers, id) ? providers[id]?.connector : undefined),
  };
  return { providers, budgets, index };
}
