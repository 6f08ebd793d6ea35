import { didYouMean } from './closest-match.js';
import type { ConfigPath } from './config-path.js';
import { BUILT_IN_STRATEGIES, type StrategyConfig, type StrategyOptions } from './pool-policy.js';
import { strategyOptionFields } from './policy-schema.js';
import type { ResolveContext } from './resolve-context.js';

/** Original ModelMesh strategy names that differ from ours. */
const ORIGINAL_NAMES: ReadonlyMap<string, string> = new Map([
  ['priority-selection', 'priority'],
  ['session-stickiness', 'session-sticky'],
  ['load-balanced', 'weighted'],
]);

/** Strategy option keys whose values are durations and are renamed with an `Ms` suffix. */
const DURATION_OPTIONS = new Set(['session_timeout']);

/** A parsed strategy: a bare name or the object form with options in snake_case. */
export type StrategyEntry = string | ({ name: string } & Record<string, unknown>);

/**
 * The canonical name for a strategy name as written: built-ins, the app's
 * strategies, connector ids (`modelmesh.round-robin.v1`) and the original
 * names (`priority-selection`, with a warning). Undefined after reporting.
 */
export function resolveStrategyName(written: string, path: ConfigPath, context: ResolveContext): string | undefined {
  const known = new Set<string>([...BUILT_IN_STRATEGIES, ...context.strategies]);
  const bare = /^modelmesh\.(.+)\.v1$/.exec(written)?.[1] ?? written;
  if (known.has(bare)) return bare;
  const renamed = ORIGINAL_NAMES.get(bare);
  if (renamed !== undefined) {
    context.issues.warn(path, `strategy "${written}" is the original ModelMesh name; use "${renamed}"`, 'value');
    return renamed;
  }
  context.issues.error(path, `unknown strategy "${written}"; expected one of ${[...known].join(', ')}${didYouMean(bare, known)}`);
  return undefined;
}

function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Converts option keys to camelCase (one level deep, which is as deep as known options go). */
function camelOptions(options: Record<string, unknown>): StrategyOptions {
  const out: StrategyOptions = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value) && key !== 'model_weights';
    const name = DURATION_OPTIONS.has(key) ? `${camelCase(key)}Ms` : camelCase(key);
    out[name] = nested ? camelOptions(value as Record<string, unknown>) : value;
  }
  return out;
}

/** Checks that priority lists and weights name declared models and providers. */
function checkReferences(options: Record<string, unknown>, path: ConfigPath, refs: StrategyReferences, context: ResolveContext): void {
  const list = (key: string) => (Array.isArray(options[key]) ? (options[key] as string[]) : []);
  list('model_priority').forEach((key, i) => {
    if (!refs.models.has(key)) context.issues.error([...path, 'model_priority', i], `unknown model "${key}"${didYouMean(key, refs.models)}`);
  });
  list('provider_priority').forEach((id, i) => refs.resolveProvider(id, [...path, 'provider_priority', i]));
  const weights = options.model_weights;
  if (weights !== null && typeof weights === 'object') {
    for (const key of Object.keys(weights)) {
      if (!refs.models.has(key)) context.issues.error([...path, 'model_weights', key], `unknown model "${key}"${didYouMean(key, refs.models)}`, 'key');
    }
  }
}

const KNOWN_OPTIONS = Object.keys(strategyOptionFields);

/**
 * Built-in strategies take only the documented options, so a misspelt one
 * (`model_priorty`) is an error rather than silently ignored. App strategies
 * receive whatever they are given.
 */
function checkBuiltInOptions(options: Record<string, unknown>, path: ConfigPath, context: ResolveContext): void {
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      context.issues.error([...path, key], `unknown option "${key}" for a built-in strategy${didYouMean(key, KNOWN_OPTIONS)}`, 'key');
    }
  }
}

/** What strategy options may refer to. */
export interface StrategyReferences {
  /** Every declared model key. */
  models: ReadonlySet<string>;
  /** Checks a provider reference, reporting an unknown one at `path`. */
  resolveProvider: (reference: string, path: ConfigPath) => string | undefined;
}

/**
 * Builds a pool's strategy from `strategy` (a name or `{ name, ...options }`)
 * plus the original pool-level option keys (`model_priority`, ...), which
 * were written at `paths.pool`. Option keys become camelCase.
 */
export function resolveStrategy(
  entry: StrategyEntry | undefined,
  poolOptions: Record<string, unknown>,
  paths: { strategy: ConfigPath; pool: ConfigPath },
  refs: StrategyReferences,
  context: ResolveContext,
): StrategyConfig | undefined {
  const { name: written, ...ownOptions } = typeof entry === 'string' ? { name: entry } : (entry ?? { name: 'stick-until-failure' });
  checkReferences(poolOptions, paths.pool, refs, context);
  checkReferences(ownOptions, paths.strategy, refs, context);
  const name = resolveStrategyName(written, typeof entry === 'string' ? paths.strategy : [...paths.strategy, 'name'], context);
  if (name !== undefined && (BUILT_IN_STRATEGIES as readonly string[]).includes(name)) checkBuiltInOptions(ownOptions, paths.strategy, context);
  const merged: Record<string, unknown> = { ...poolOptions, ...ownOptions };
  return name === undefined ? undefined : { name, options: camelOptions(merged) };
}
