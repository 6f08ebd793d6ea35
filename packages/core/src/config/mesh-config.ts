import type { BudgetLimitType, ConfigIssue, ModelFeatures, ModelPricing, QuotaLimits } from '@modelmesh/provider';
import type { PoolPolicy } from './pool-policy.js';

/** One provider instance: which plugin serves it and how to reach the vendor. */
export interface ProviderConfig {
  /** Instance id: the key under `providers`. */
  id: string;
  /** Connector id (`openai.llm.v1`) or short plugin name (`openai`); defaults to the id. */
  connector: string;
  /** Disabled providers stay in the config but receive no traffic. */
  enabled: boolean;
  /** API key, already substituted from `${ENV}` / `${secrets:NAME}`. Never log it. */
  apiKey?: string;
  /** Base URL overriding the plugin's default endpoint. */
  baseUrl?: string;
  /** Extra HTTP headers sent with every request. */
  headers: Record<string, string>;
  /** Extra query parameters sent with every request. */
  query: Record<string, string>;
  /** Vendor organisation id (OpenAI). */
  organization?: string;
  /** Vendor project id (OpenAI). */
  project?: string;
  /** Per-request HTTP timeout in milliseconds, when the provider needs one shorter than the pool's. */
  timeoutMs?: number;
  /** The most requests in flight to this provider at once (`max_connections`); unset means no cap. */
  maxConnections?: number;
  /** Free-form plugin options, passed through unchanged. */
  options: Record<string, unknown>;
  /** Account-wide quotas. */
  limits?: QuotaLimits;
}

/** One routable model: a real model id at one provider instance. */
export interface ModelConfig {
  /** The key under `models`; what pools and strategies refer to. */
  id: string;
  /** Provider instance id (always an id, even when the document named the provider by connector id). */
  provider: string;
  /** The model id the vendor expects, e.g. `gpt-4o`. */
  model: string;
  /** Canonical capability paths, e.g. `generation.text-generation.chat-completion`. */
  capabilities: string[];
  /** Context window in tokens. */
  contextWindow?: number;
  /** Largest completion in tokens. */
  maxOutputTokens?: number;
  /** Supported request features. */
  features?: ModelFeatures;
  /** Prices used for cost estimates and budgets. */
  pricing?: ModelPricing;
  /** Per-model quotas. */
  limits?: QuotaLimits;
  /** Static preference: lower is preferred (used by `priority`). */
  priority?: number;
  /** Relative share of traffic (used by `weighted`); positive. */
  weight?: number;
}

/** A pool: the candidates for one virtual model name, how to order them and how to handle failures. */
export interface PoolConfig extends PoolPolicy {
  /** The pool name apps use as `model`. */
  name: string;
  /** Canonical capability path; every model serving it (or a node below it) is a candidate. */
  capability?: string;
  /** Explicit member model keys (in addition to, or instead of, the capability). */
  models?: string[];
  /** Only models of these provider ids are candidates. */
  providers?: string[];
  /** Models of these provider ids are never candidates. */
  excludedProviders?: string[];
}

/** Where a budget applies: everything, one pool, one provider, one model or one proxy key. */
export type BudgetScope = 'global' | `pool:${string}` | `provider:${string}` | `model:${string}` | `key:${string}`;

/** The window a budget counts over; `request` caps each single request, `total` never resets. */
export type BudgetPeriod = 'request' | 'minute' | 'hour' | 'day' | 'month' | 'total';

/** What happens when a budget would be crossed. */
export type BudgetAction = 'error' | 'rotate' | 'warn';

/** One spending limit. */
export interface BudgetConfig {
  /** Unique name, used in errors and usage reports. */
  name: string;
  /** Where the budget applies. */
  scope: BudgetScope;
  /** Counting window. */
  period: BudgetPeriod;
  /** What `limit` counts: USD, tokens or requests. */
  limitType: BudgetLimitType;
  /** The limit, in USD for `cost`. */
  limit: number;
  /** Fraction of the limit (0..1) at which a `budget.alert` event fires. */
  alertThreshold: number;
  /** `error` refuses the request, `rotate` skips to candidates outside the scope, `warn` only reports. */
  action: BudgetAction;
}

/** How `${secrets:NAME}` references were resolved (the values themselves are not kept here). */
export interface SecretsConfig {
  /** `env` reads environment variables (with `prefix`), `inline` only `secrets.values`. */
  store: 'env' | 'inline';
  /** Prefix put before a secret name when reading the environment. */
  prefix?: string;
}

/** Where shared router state (health, quotas, budgets, calibration) lives. */
export interface StateConfig {
  /** `memory` (one process) or `redis` (several processes; needs `@modelmesh/store-redis`). */
  store: 'memory' | 'redis';
  /** Connection URL for `redis`. */
  url?: string;
  /** Prefix of every key the store writes. */
  keyPrefix: string;
  /** When the store is down or slow: keep serving from local state (`local`) or refuse budget-bearing requests (`fail`). */
  onUnavailable: 'local' | 'fail';
  /** Longest wait for one store call, ms. */
  timeoutMs: number;
}

/** Log verbosity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Logging and events (the loader warns about `events: false`, which is not acted on yet). */
export interface ObservabilityConfig {
  /** Minimum level the logging middleware logs (default `info`). */
  logLevel: LogLevel;
  /** Whether the mesh emits events (`request.routed`, `model.deactivated`, ...). */
  events: boolean;
  /** Observability connector id (original ModelMesh), e.g. `modelmesh.console.v1`. */
  connector?: string;
  /** Free-form connector settings. */
  config?: Record<string, unknown>;
}

/** One middleware the configuration asks for. */
export interface MiddlewareConfig {
  /** As written: a built-in name (`logging`, `cache`, `otel`) or a package name. */
  name: string;
  /** The package providing it (`@modelmesh/middleware-cache` for `cache`). */
  packageName: string;
  /** Its options, as written (snake_case keys); the middleware validates them. */
  options: Record<string, unknown>;
  /** Where the entry is in the document, for error messages (`middleware[1]`, `observability.connector`). */
  path: string;
  /** Where its options are (`middleware[1].options`, `observability.config`), for the paths of option errors. */
  optionsPath: string;
}

/** One bearer key accepted by the proxy. */
export interface ProxyKeyConfig {
  /** Key name, used in logs and in `key:<name>` budget scopes. */
  name: string;
  /** The key itself (exactly one of `key` and `keySha256` is set). */
  key?: string;
  /** Lower-case hex SHA-256 of the key, so the file need not hold the key. */
  keySha256?: string;
  /** Pools this key may use; all when absent. */
  pools?: string[];
  /** Requests per minute allowed for this key. */
  rpm?: number;
  /** Name of the budget created from this key's `budget` settings. */
  budget?: string;
}

/** A key of the proxy's admin API and status page (`proxy.admin.keys`). */
export interface AdminKeyConfig {
  /** Key name, for logs. */
  name: string;
  /** The key itself (exactly one of `key` and `keySha256` is set). */
  key?: string;
  /** Lower-case hex SHA-256 of the key. */
  keySha256?: string;
}

/** HTTP server limits of the proxy. */
export interface ProxyLimits {
  /** Largest request body in bytes. */
  bodySizeBytes: number;
  /** Time allowed to receive request headers, in ms. */
  headerTimeoutMs: number;
  /** Time allowed for a whole HTTP request, in ms. */
  requestTimeoutMs: number;
  /** Concurrent requests served; further requests get 503. Unlimited when absent. */
  maxConcurrent?: number;  /** Client connections the proxy holds at most (the proxy's default when absent). */
  maxConnections?: number;
}

/** The OpenAI-compatible proxy server. */
export interface ProxyConfig {
  /** Interface to listen on. */
  host: string;
  /** TCP port (0 lets the OS choose). */
  port: number;
  /** Accepted bearer keys; an empty list means no authentication. */
  auth: { keys: ProxyKeyConfig[] };
  /** Keys of the admin API and the status page; an empty list means loopback clients only. */
  admin: { keys: AdminKeyConfig[] };
  /** Allowed CORS origins; empty means CORS is off. */
  cors: { origins: string[] };
  /** Server limits. */
  limits: ProxyLimits;
  /** Time given to in-flight requests on shutdown, in ms. */
  shutdownGraceMs: number;
}

/**
 * The resolved configuration the router consumes: camelCase, every default applied,
 * references checked, capabilities canonical, durations in milliseconds.
 */
export interface MeshConfig {
  /** Provider instances by id. */
  providers: Record<string, ProviderConfig>;
  /** Models by key. */
  models: Record<string, ModelConfig>;
  /** Pools by name. */
  pools: Record<string, PoolConfig>;
  /** The policy of pools the config does not define (built on demand from a capability): built-ins overlaid with the `defaults` section. */
  defaults: PoolPolicy;
  /** Spending limits, in document order. */
  budgets: BudgetConfig[];
  /** Custom capability paths declared by the document (already registered in the registry used). */
  capabilities: string[];
  /** Secret resolution settings. */
  secrets: SecretsConfig;
  /** Shared state store. */
  state: StateConfig;
  /** Logging and events. */
  observability: ObservabilityConfig;
  /** Middleware to create, outermost first: the `middleware` list, then what `observability` asks for. */
  middleware: MiddlewareConfig[];
  /** Proxy server settings (used by `@modelmesh/proxy`). */
  proxy: ProxyConfig;
  /** Deprecated or ignored keys found in the document; the config still loaded. */
  warnings: ConfigIssue[];
}
