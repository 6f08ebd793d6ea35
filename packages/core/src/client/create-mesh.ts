import { createCapabilityRegistry } from '@modelmesh/capabilities';
import { loadConfig, type LoadConfigOptions } from '../config/index.js';
import type { MeshConfig, MeshConfigDocument } from '../config/index.js';
import { ConfigurationError, type ConfigIssue, type Provider, type ProviderPlugin, type ChatCompletionMessageParam } from '@modelmesh/provider';
import { MeshEventEmitter } from '../events/event-emitter.js';
import { ModelHealthTracker } from '../health/model-health-tracker.js';
import { HealthProber } from '../router/health-prober.js';
import type { HealthTransition } from '../health/health-types.js';
import { MiddlewareChain } from '../middleware/middleware-chain.js';
import type { MeshMiddleware } from '../middleware/middleware.js';
import type { MiddlewarePlugin } from '../middleware/middleware-plugin.js';
import { buildConfiguredMiddleware } from './build-middleware.js';
import { systemClock, systemRandom, type Clock, type RandomSource } from '../runtime/clock.js';
import { HeadroomTracker } from '../router/headroom-tracker.js';
import { LatencyTracker } from '../router/latency-tracker.js';
import { toPoolPolicy, type PoolDefinition } from '../router/mesh-model.js';
import { PoolRegistry, type CapabilityLookup } from '../router/pool-registry.js';
import { Router } from '../router/router.js';
import { SharedSessions } from '../router/shared-sessions.js';
import type { RouterContext } from '../router/router-context.js';
import { createStrategyRegistry } from '../strategies/strategy-registry.js';
import type { Strategy } from '../strategies/strategy.js';
import { UsageTracker } from '../usage/usage-tracker.js';
import { SpendGuard } from '../usage/spend-guard.js';
import type { StateStore } from '../state/state-store.js';
import type { StateStorePlugin } from '../state/state-store-plugin.js';
import { resolveStateStore, shareState } from './shared-state.js';
import { buildModels, findPlugin, type MeshProvider, type ProviderWithModels } from './build-models.js';
import { MeshClient } from './mesh-client.js';
import { pluginVersionIssue } from './plugin-version-issue.js';

/** Everything `createMesh` accepts. */
export interface CreateMeshOptions {
  /** The configuration: a loaded config, a document object, or YAML/JSON text. (File paths: `@modelmesh/core/node`.) */
  config?: MeshConfig | MeshConfigDocument | string;
  /** Where the config text came from (a file name), for error messages. */
  configSource?: string;
  /** Provider packages' plugins; config `providers.<id>.connector` picks among them. */
  plugins?: readonly ProviderPlugin[];
  /** Ready provider instances (with the models they serve), used as they are. */
  providers?: readonly (Provider | ProviderWithModels)[];
  /** Middleware, outermost first (before, so outside, the middleware the config lists). */
  middleware?: readonly MeshMiddleware[];
  /** Plugins for the middleware the config's `middleware` list (or `observability`) names. */
  middlewarePlugins?: readonly MiddlewarePlugin[];
  /** Finds a middleware plugin by package name when `middlewarePlugins` has none (the `modelmesh` package passes one that loads installed packages). */
  loadMiddleware?: (packageName: string) => MiddlewarePlugin | undefined;
  /** Custom strategies, registered by name (a built-in name replaces the built-in). */
  strategies?: readonly Strategy[];
  /** Time source (tests pass a `ManualClock`). */
  clock?: Clock;
  /** Random source for strategies and jitter. */
  random?: RandomSource;
  /** Environment for `${VAR}` in config and for plugins (default: `process.env` where there is one). */
  env?: Record<string, string | undefined>;
  /** Values for `${secrets:NAME}`. */
  secrets?: LoadConfigOptions['secrets'];
  /** A `fetch` for every provider created from a plugin. */
  fetch?: typeof globalThis.fetch;
  /** Counts prompt tokens exactly (e.g. with a tokenizer); the default estimates ~4 characters per token. */
  countTokens?: (messages: readonly ChatCompletionMessageParam[]) => number;
  /**
   * Where budgets, quotas, model health and calibration live; default: what `state.store`
   * names, else memory. Share one store (e.g. Redis) across processes. The mesh does not close
   * a store passed here; it closes one it built from the config.
   */
  stateStore?: StateStore;
  /** Store packages' plugins; config `state.store` picks among them (`create()` finds installed ones). */
  stateStorePlugins?: readonly StateStorePlugin[];
  /** Capability registry (for custom nodes); default: a fresh registry with the canonical tree. */
  capabilities?: CapabilityLookup & { register(path: string): string };
  /**
   * The mesh this one replaces in the same process (a config reload). The new mesh continues
   * from it: model health (shared with it while its requests finish), latency statistics and
   * usage totals of the models that still exist with the same provider, and budget windows of
   * the budgets still configured under the same name, scope, period and measure. Its state
   * store is shared unless `stateStore` is given. Close the previous mesh once its requests end.
   */
  previous?: MeshClient;
}

/** What a later mesh needs of an earlier one to continue from it. */
interface MeshInternals {
  readonly ctx: RouterContext;
  readonly store: StateStore;
  /** Whether this mesh closes the store; handed on to the mesh that replaces it. */
  readonly ownsStore: { value: boolean };
}

const internals = new WeakMap<MeshClient, MeshInternals>();

let meshesMade = 0;

const isLoadedConfig = (value: unknown): value is MeshConfig =>
  typeof value === 'object' && value !== null && Array.isArray((value as { warnings?: unknown }).warnings) && Array.isArray((value as { budgets?: unknown }).budgets);

const looksLikePath = (text: string) => !text.includes('\n') && /\.(ya?ml|json)$/i.test(text.trim());

function defaultEnv(): Record<string, string | undefined> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

function isProviderWithModels(value: Provider | ProviderWithModels): value is ProviderWithModels {
  return 'provider' in value && typeof (value as ProviderWithModels).provider === 'object';
}

/**
 * Builds a mesh client from configuration, provider plugins and/or provider instances.
 * Throws a ConfigurationError listing every problem.
 */
export function createMesh(options: CreateMeshOptions = {}): MeshClient {
  return assembleMesh(options, loadConfig);
}

/** Loads a config document (object or text) into a {@link MeshConfig}. */
export type ConfigLoader = (input: string | object, options: LoadConfigOptions) => MeshConfig;

/** {@link createMesh} with the config loader passed in (the browser build's loader parses no text). */
export function assembleMesh(options: CreateMeshOptions, load: ConfigLoader): MeshClient {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const env = options.env ?? defaultEnv();
  const capabilities = options.capabilities ?? createCapabilityRegistry();
  const instances = (options.providers ?? []).map((p) => (isProviderWithModels(p) ? p : { provider: p }));
  const strategies = createStrategyRegistry();
  for (const strategy of options.strategies ?? []) strategies.register(strategy);

  const config = resolveConfig(options, load, env, capabilities, instances.map((i) => i.provider.id), strategies.names());
  const providers = buildProviders(config, options.plugins ?? [], instances, env, options.fetch);
  const models = buildModels(config, providers, capabilities);
  const pools = new Map<string, PoolDefinition>(
    Object.values(config.pools).map((pool) => [
      pool.name,
      {
        name: pool.name,
        capability: pool.capability,
        models: pool.models,
        providers: pool.providers,
        excludedProviders: pool.excludedProviders,
        strategy: pool.strategy,
        policy: toPoolPolicy(pool),
      },
    ]),
  );

  const events = new MeshEventEmitter();
  const previous = options.previous ? internals.get(options.previous) : undefined;
  // A reloaded mesh keeps its predecessor's store (and closes it in its place).
  const { store, owned } = previous && !options.stateStore ? { store: previous.store, owned: previous.ownsStore.value } : resolveStateStore(config.state, options.stateStore, options.stateStorePlugins ?? [], clock);
  // Middleware is built once the store exists, so a plugin can share it (the cache's store: redis).
  let configured: MeshMiddleware[];
  try {
    configured = buildConfiguredMiddleware(config, { plugins: options.middlewarePlugins ?? [], load: options.loadMiddleware, env, clock, stateStore: store });
  } catch (error) {
    // A store this call opened would otherwise keep its connections (and the process) alive.
    if (owned && !previous) void store.close?.().catch(() => undefined);
    throw error;
  }
  if (previous && !options.stateStore) previous.ownsStore.value = false;
  const ownsStore = { value: owned };
  const prefix = Math.floor(random() * 0xffffff).toString(36);
  // The counter keeps meshes of one process apart even when tests fix the random source.
  const shared = shareState(store, events, `${Math.floor(random() * 0xffffffff).toString(36)}.${(++meshesMade).toString(36)}`);
  const health = new ModelHealthTracker({
    clock,
    random,
    onTransition: (t) => {
      emitTransition(events, t);
      shared.publish(t);
    },
  });
  for (const model of models.values()) health.register(model.key, model.providerId);
  shared.sync(health, [...models.keys()]);
  const spend = new SpendGuard(config.budgets, store, clock, events);
  const usage = new UsageTracker(() => spend.status());
  let requests = 0;
  const poolRegistry = new PoolRegistry(pools, models, capabilities, toPoolPolicy(config.defaults), config.defaults.strategy);
  // A mesh's own memory store has no one to share sessions with.
  const sessions = owned && config.state.store === 'memory' ? undefined : new SharedSessions(store, poolRegistry, clock);
  const ctx: RouterContext = {
    pools: poolRegistry,
    health,
    strategy: (name) => strategies.get(name),
    middleware: new MiddlewareChain([...(options.middleware ?? []), ...configured]),
    events,
    clock,
    random,
    latency: new LatencyTracker(),
    headroom: new HeadroomTracker(),
    usage,
    spend,
    countTokens: options.countTokens,
    newRequestId: () => `req_${prefix}${(++requests).toString(36)}`,
    ...(sessions ? { prepareRun: (run: Parameters<SharedSessions['prepare']>[0]) => sessions.prepare(run) } : {}),
  };
  if (previous) continueFrom(ctx, previous.ctx, models, config);
  const prober = new HealthProber(health, clock, ctx.pools.names().map((name) => ctx.pools.get(name)));
  if (prober.active) prober.start();
  const client = new MeshClient({
    router: new Router(ctx),
    usage,
    providers: [...providers.values()].map((p) => p.provider),
    poolNames: () => ctx.pools.names(),
    createdAt: clock.now(),
    warnings: Object.freeze([...config.warnings]),
    modelKeys: new Set(models.keys()),
    onClose: async () => {
      prober.stop();
      shared.detach();
      if (ownsStore.value) await store.close?.();
    },
  });
  internals.set(client, { ctx, store, ownsStore });
  return client;
}

/** Carries health, latency, usage and budget windows over from the mesh being replaced. */
function continueFrom(ctx: RouterContext, previous: RouterContext, models: ReadonlyMap<string, { readonly providerId: string }>, config: MeshConfig): void {
  if (!(ctx.health instanceof ModelHealthTracker) || !(previous.health instanceof ModelHealthTracker)) return;
  const kept = ctx.health.adopt(previous.health);
  ctx.latency.adopt(previous.latency, kept);
  if (ctx.spend && previous.spend) ctx.spend.adopt(previous.spend, kept);
  ctx.usage.adopt(previous.usage, {
    models: new Set(kept),
    providers: new Set([...models.values()].map((m) => m.providerId)),
    pools: new Set(Object.keys(config.pools)),
  });
}

function resolveConfig(
  options: CreateMeshOptions,
  load: ConfigLoader,
  env: Record<string, string | undefined>,
  capabilities: CreateMeshOptions['capabilities'],
  knownProviders: readonly string[],
  strategies: readonly string[],
): MeshConfig {
  const input = options.config ?? {};
  if (isLoadedConfig(input)) return input;
  if (typeof input === 'string' && looksLikePath(input)) {
    throw new ConfigurationError({
      issues: [{ path: '', message: `"${input}" looks like a file path; read files with createMesh from "@modelmesh/core/node" (or the modelmesh package)` }],
    });
  }
  return load(input, { env, source: options.configSource, secrets: options.secrets, knownProviders: [...knownProviders], strategies: [...strategies], capabilities });
}

function buildProviders(
  config: MeshConfig,
  plugins: readonly ProviderPlugin[],
  instances: readonly ProviderWithModels[],
  env: Record<string, string | undefined>,
  fetch: typeof globalThis.fetch | undefined,
): Map<string, MeshProvider> {
  const providers = new Map<string, MeshProvider>();
  for (const instance of instances) {
    providers.set(instance.provider.id, { provider: instance.provider, defaultModels: instance.models ?? [], plugin: findPlugin(plugins, instance.provider.connector) });
  }
  const issues: ConfigIssue[] = [];
  for (const entry of Object.values(config.providers)) {
    if (!entry.enabled || providers.has(entry.id)) continue;
    const plugin = findPlugin(plugins, entry.connector);
    if (!plugin) {
      const installed = plugins.map((p) => p.connector).join(', ') || 'none';
      issues.push({ path: `providers.${entry.id}.connector`, message: `no provider package handles connector "${entry.connector}" (installed: ${installed})` });
      continue;
    }
    const versionIssue = pluginVersionIssue(plugin, `providers.${entry.id}.connector`);
    if (versionIssue) {
      issues.push(versionIssue);
      continue;
    }
    const provider = plugin.create({
      id: entry.id,
      apiKey: entry.apiKey,
      baseUrl: entry.baseUrl,
      headers: entry.headers,
      query: entry.query,
      organization: entry.organization,
      project: entry.project,
      timeout: entry.timeoutMs,
      maxConnections: entry.maxConnections,
      options: entry.options,
      fetch,
      env,
    });
    providers.set(entry.id, { provider, plugin, defaultModels: plugin.models });
  }
  if (issues.length > 0) throw new ConfigurationError({ issues });
  return providers;
}

function emitTransition(events: MeshEventEmitter, t: HealthTransition): void {
  if (t.to === 'standby') {
    events.emit('model.deactivated', { modelKey: t.modelKey, providerId: t.providerId, reason: t.reason, until: t.until ?? Infinity, ...(t.detail ? { detail: t.detail } : {}), at: t.at });
  } else if (t.to === 'active' && t.from !== 'active') {
    events.emit('model.recovered', { modelKey: t.modelKey, providerId: t.providerId, reason: t.reason, at: t.at });
  }
}
