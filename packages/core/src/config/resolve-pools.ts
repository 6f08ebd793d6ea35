import { didYouMean } from './closest-match.js';
import type { ConfigPath } from './config-path.js';
import { definedFields } from './defined-fields.js';
import type { PoolConfig } from './mesh-config.js';
import { parseEntry, parseEntryPartially } from './parse-entry.js';
import { defaultsSchema } from './policy-schema.js';
import { DEFAULT_POOL_POLICY, type PoolPolicy, type StrategyConfig } from './pool-policy.js';
import { IssueCollector } from './issue-collector.js';
import { type PoolEntry, poolSchema } from './pool-schema.js';
import { resolveCapability } from './resolve-capability.js';
import type { ResolveContext } from './resolve-context.js';
import { EMPTY_LAYER, mergePolicy, type PolicyLayer, policyLayer } from './resolve-policies.js';
import type { ProviderIndex } from './resolve-providers.js';
import { resolveStrategy, type StrategyReferences } from './resolve-strategy.js';

/** Pool keys that the original ModelMesh wrote next to `strategy` and that are strategy options. */
const POOL_STRATEGY_OPTIONS = [
  'model_priority',
  'provider_priority',
  'model_weights',
  'affinity_mode',
  'session_timeout',
  'rate_limit',
] as const;

/** The `defaults` section, resolved once for every pool. */
interface Defaults {
  layer: PolicyLayer;
  strategy?: StrategyConfig | undefined;
}

function resolveDefaults(raw: unknown, refs: StrategyReferences, context: ResolveContext): Defaults {
  if (raw === undefined) return { layer: EMPTY_LAYER };
  const entry = parseEntry(defaultsSchema, raw ?? {}, ['defaults'], context);
  if (entry === undefined) return { layer: EMPTY_LAYER };
  const layer = policyLayer(entry, ['defaults'], context.issues);
  mergePolicy([layer], ['defaults'], context.issues);
  const strategy =
    entry.strategy === undefined
      ? undefined
      : resolveStrategy(entry.strategy, {}, { strategy: ['defaults', 'strategy'], pool: ['defaults'] }, refs, context);
  return { layer, strategy };
}

function providerList(ids: readonly string[] | undefined, path: ConfigPath, index: ProviderIndex): string[] | undefined {
  return ids?.flatMap((id, i) => index.resolve(id, [...path, i]) ?? []);
}

function members(name: string, entry: PoolEntry, models: ReadonlySet<string>, context: ResolveContext) {
  const path = ['pools', name];
  entry.models?.forEach((key, i) => {
    if (!models.has(key)) {
      context.issues.error([...path, 'models', i], `unknown model "${key}"; pool members must be keys of the models section${didYouMean(key, models)}`);
    }
  });
  if (entry.capability !== undefined) return resolveCapability(entry.capability, [...path, 'capability'], context);
  if (entry.models !== undefined) return undefined;
  // A bare pool is named after what it serves: `pools: { chat-completion: {} }`.
  return resolveCapability(name, path, context, (unknown) => `pool "${unknown}" sets neither capability nor models, and its name is not a capability`);
}

function strategyFor(name: string, entry: PoolEntry, defaults: Defaults, refs: StrategyReferences, context: ResolveContext): StrategyConfig | undefined {
  const path = ['pools', name];
  const poolOptions: Record<string, unknown> = {};
  for (const key of POOL_STRATEGY_OPTIONS) if (entry[key] !== undefined) poolOptions[key] = entry[key];
  const inherited = entry.strategy === undefined ? defaults.strategy : undefined;
  const written = inherited === undefined ? entry.strategy : inherited.name;
  const strategy = resolveStrategy(written, poolOptions, { strategy: [...path, 'strategy'], pool: path }, refs, context);
  if (strategy === undefined || inherited === undefined) return strategy;
  return { name: strategy.name, options: { ...structuredClone(inherited.options), ...strategy.options } };
}

/**
 * Validates `pools` and applies, key by key, the built-in defaults, then the
 * `defaults` section, then the pool's own settings.
 */
export function resolvePools(
  entries: readonly [string, unknown][],
  rawDefaults: unknown,
  refs: { models: ReadonlySet<string>; providers: ProviderIndex },
  context: ResolveContext,
): { pools: Record<string, PoolConfig>; defaults: PoolPolicy } {
  const strategyRefs: StrategyReferences = {
    models: refs.models,
    resolveProvider: (reference, path) => refs.providers.resolve(reference, path),
  };
  const defaults = resolveDefaults(rawDefaults, strategyRefs, context);
  const defaultPolicy: PoolPolicy = {
    strategy: defaults.strategy ?? DEFAULT_POOL_POLICY.strategy,
    ...mergePolicy([defaults.layer], ['defaults'], new IssueCollector()),
  };
  const pools: Record<string, PoolConfig> = {};
  for (const [name, raw] of entries) {
    const path = ['pools', name];
    // Invalid pools still get their references checked, so one run reports every kind of problem.
    const entry: PoolEntry | undefined = parseEntryPartially(poolSchema, raw ?? {}, path, context)?.entry;
    if (entry === undefined) continue;
    const capability = members(name, entry, refs.models, context);
    const strategy = strategyFor(name, entry, defaults, strategyRefs, context);
    const policy = mergePolicy([defaults.layer, policyLayer(entry, path, context.issues)], path, context.issues);
    if (strategy === undefined) continue;
    pools[name] = definedFields<PoolConfig>({
      name,
      capability,
      models: entry.models && [...entry.models],
      providers: providerList(entry.providers, [...path, 'providers'], refs.providers),
      excludedProviders: providerList(entry.excluded_providers, [...path, 'excluded_providers'], refs.providers),
      strategy,
      ...policy,
    });
  }
  return { pools, defaults: defaultPolicy };
}
