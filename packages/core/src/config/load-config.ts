import { defaultCapabilityRegistry } from '@modelmesh/capabilities';
import { ConfigurationError, type ConfigIssue } from '@modelmesh/provider';
import { budgetsSection, mapSection, readTopLevel } from './document-sections.js';
import { byPosition, finalizeIssues, secretStrings } from './finalize-issues.js';
import { IssueCollector } from './issue-collector.js';
import type { MeshConfig } from './mesh-config.js';
import { registerCapabilities } from './register-capabilities.js';
import { checkBudgetNames, resolveBudgets } from './resolve-budgets.js';
import type { ConfigCapabilityRegistry, ResolveContext } from './resolve-context.js';
import { resolveModels } from './resolve-models.js';
import { resolvePools } from './resolve-pools.js';
import { resolveProviders } from './resolve-providers.js';
import { resolveProxy } from './resolve-proxy.js';
import { resolveMiddleware } from './resolve-middleware.js';
import { resolveObservability, resolveState } from './resolve-services.js';
import { readSecretSources, type SecretsOption } from './secret-sources.js';
import { substituteVariables } from './variable-substitution.js';
import { type ParsedSource, parseConfigText } from './yaml-source.js';
import type { SourceLocator } from './yaml-locator.js';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Variables for `${VAR}`. Default: `process.env` where it exists (Node, Bun, Deno), else none. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Secrets for `${secrets:NAME}`, looked up before `secrets.values` and the environment. */
  secrets?: SecretsOption;
  /** Where the text came from (a file name), shown in messages. */
  source?: string;
  /** Provider instance ids created in code, which `models.*.provider` may name. */
  knownProviders?: readonly string[];
  /** Strategy names registered by the app, accepted in `strategy`. */
  strategies?: readonly string[];
  /**
   * Registry used to resolve capability names; the document's `capabilities`
   * are registered into it. Default: the process-wide registry of `@modelmesh/capabilities`.
   */
  capabilities?: ConfigCapabilityRegistry;
}

function defaultEnv(): Readonly<Record<string, string | undefined>> {
  // Browsers and some edge runtimes have no `process`; the loader must not assume it.
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

/**
 * Reads, validates and resolves a configuration document: YAML or JSON text,
 * or an already parsed object. Substitutes `${VAR}`, `${VAR:-default}` and
 * `${secrets:NAME}`, applies every default, checks every reference, and
 * returns the camelCase {@link MeshConfig} the router consumes. Synchronous,
 * and safe in browsers (no file or process access beyond an optional `process.env`).
 *
 * @throws {@link ConfigurationError} listing every problem found (not just the first), each with its path and, for text, its line and column.
 */
export function loadConfig(input: string | object, options: LoadConfigOptions = {}): MeshConfig {
  return loadConfigWith(parseConfigText, input, options);
}

/** Turns configuration text into plain data, with positions for messages. */
export type ConfigTextParser = (text: string) => ParsedSource;

/**
 * {@link loadConfig} with the text parser passed in, so a bundle that never parses text
 * (browsers, edge runtimes) leaves the YAML library out.
 */
export function loadConfigWith(parseText: ConfigTextParser, input: string | object, options: LoadConfigOptions = {}): MeshConfig {
  const issues = new IssueCollector();
  const env = options.env ?? defaultEnv();
  let value: unknown = input;
  let locate: SourceLocator | undefined;
  const sourceIssues: { errors: ConfigIssue[]; warnings: ConfigIssue[] } = { errors: [], warnings: [] };
  if (typeof input === 'string') {
    const parsed = parseText(input);
    if (parsed.value === undefined && parsed.errors.length > 0) throw new ConfigurationError({ issues: parsed.errors, source: options.source });
    ({ value, locate } = parsed);
    sourceIssues.errors = parsed.errors;
    sourceIssues.warnings = parsed.warnings;
  }
  const fail = (pending: readonly ConfigIssue[]) => new ConfigurationError({ issues: [...sourceIssues.errors, ...pending].sort(byPosition), source: options.source });

  const top = readTopLevel(value, issues);
  if (top === undefined) throw fail(finalizeIssues(issues.errors, locate, []));

  const secrets = readSecretSources(top.secrets, env, options.secrets, issues);
  const { secrets: _section, ...rest } = top;
  const substituted = substituteVariables(rest, [], secrets.sources, issues);
  const document = substituted.value as Record<string, unknown>;

  const context: ResolveContext = {
    issues,
    whole: new Map([...secrets.section.whole, ...substituted.whole]),
    registry: options.capabilities ?? defaultCapabilityRegistry,
    knownProviders: options.knownProviders ?? [],
    strategies: options.strategies ?? [],
    secretValues: substituted.secretValues,
  };
  const capabilities = registerCapabilities(document.capabilities, context);
  const providerEntries = mapSection(document, 'providers', issues);
  const modelEntries = mapSection(document, 'models', issues);
  const poolEntries = mapSection(document, 'pools', issues);
  const modelKeys = new Set(modelEntries.map(([key]) => key));
  const poolNames = new Set(poolEntries.map(([name]) => name));

  const { providers, budgets: providerBudgets, index } = resolveProviders(providerEntries, context);
  const models = resolveModels(modelEntries, index, context);
  const { pools, defaults } = resolvePools(poolEntries, document.defaults, { models: modelKeys, providers: index }, context);
  const budgets = resolveBudgets(budgetsSection(document, issues), document.budget, { pools: poolNames, models: modelKeys, providers: index }, context);
  budgets.push(...providerBudgets);
  const proxy = resolveProxy(document.proxy, poolNames, budgets, context);
  checkBudgetNames(budgets, context);
  const state = resolveState(document.state, context);
  const observability = resolveObservability(document.observability, context);
  const middleware = resolveMiddleware(document.middleware, observability.entry, context);

  const known = [...substituted.secretValues, ...secretStrings(secrets.section.value), ...secretStrings(document)];
  if (issues.hasErrors || sourceIssues.errors.length > 0) throw fail(finalizeIssues(issues.errors, locate, known));
  return {
    providers,
    models,
    pools,
    defaults,
    budgets: budgets.map(({ budget }) => budget),
    capabilities,
    secrets: secrets.config,
    state,
    observability: observability.config,
    middleware,
    proxy,
    warnings: [...sourceIssues.warnings, ...finalizeIssues(issues.warnings, locate, known)].sort(byPosition),
  };
}
