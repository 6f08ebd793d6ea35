import type { DurationInput, PolicyDocument, PoolDocument } from './pool-document.js';

/** Request and token quotas. */
export interface QuotaLimitsDocument {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute. */
  tpm?: number;
  /** Requests per day. */
  rpd?: number;
  /** Tokens per day. */
  tpd?: number;
}

/** Connection keys of a provider (also accepted inside the original `config:` block). */
export interface ProviderConnectionDocument {
  /** API key; write `${ENV_VAR}` or `${secrets:NAME}` rather than the key. */
  api_key?: string;
  /** Endpoint overriding the plugin's default. */
  base_url?: string;
  /** Extra HTTP headers. */
  headers?: Record<string, string>;
  /** Extra query parameters. */
  query?: Record<string, string>;
  /** Vendor organisation id. */
  organization?: string;
  /** Vendor project id. */
  project?: string;
  /** HTTP timeout of this provider. */
  timeout?: DurationInput;
  /** The most requests in flight to this provider at once; more wait in a local queue. Default: no cap. */
  max_connections?: number;
}

/** Original ModelMesh budget block, in USD. */
export interface OriginalBudgetDocument {
  /** USD per day. */
  daily_limit?: number;
  /** USD per month. */
  monthly_limit?: number;
  /** Alert fraction, 0..1. */
  alert_threshold?: number;
  /** Ignored. */
  enforce?: unknown;
}

/** `providers.<id>`. */
export interface ProviderDocument extends ProviderConnectionDocument {
  /** Connector id (`openai.llm.v1`) or plugin name (`openai`); defaults to the provider id. */
  connector?: string;
  /** Default true. */
  enabled?: boolean;
  /** Free-form plugin options. */
  options?: Record<string, unknown>;
  /** Account quotas. */
  limits?: QuotaLimitsDocument;
  /** @deprecated Original shape; put these keys on the provider. Unknown keys become `options`. */
  config?: ProviderConnectionDocument & { [key: string]: unknown };
  /** @deprecated Use `budgets` with `scope: provider:<id>`. */
  budget?: OriginalBudgetDocument;
  /** @deprecated Original ModelMesh keys; ignored. */
  instance?: unknown;
  /** @deprecated Ignored. */
  auth?: unknown;
  /** @deprecated Ignored. */
  quota?: unknown;
  /** @deprecated Ignored. */
  discovery?: unknown;
  /** @deprecated Ignored. */
  batch?: unknown;
  /** @deprecated Ignored. */
  files?: unknown;
  /** @deprecated Ignored. */
  fine_tuning?: unknown;
  /** @deprecated Ignored. */
  connection_pool?: unknown;
  /** @deprecated Ignored. */
  max_retries?: unknown;
}

/** `models.<key>.features`. */
export interface ModelFeaturesDocument {
  tools?: boolean;
  vision?: boolean;
  json?: boolean;
  streaming?: boolean;
  /** A reasoning model (long silent thinking): longer default first-token and header limits. */
  reasoning?: boolean;
  /** Assistant prefill (continuing a trailing assistant message); overrides the provider plugin's spec. */
  prefill?: boolean;
  /** Not supported (an error): the router does not choose models by parallel tool calls. */
  parallel_tool_calls?: never;
  /** @deprecated Use `tools`. */
  tool_calling?: boolean;
  /** @deprecated Use `json`. */
  structured_output?: boolean;
  /** @deprecated Use `json`. */
  json_mode?: boolean;
  /** @deprecated Ignored. */
  system_prompt?: unknown;
  /** @deprecated Ignored. */
  grounding?: unknown;
  /** @deprecated Ignored. */
  logprobs?: unknown;
  /** @deprecated Ignored. */
  fine_tunable?: unknown;
}

/** `models.<key>`. */
export interface ModelDocument {
  /** Provider id from `providers` (or its connector id, or an id known to the app). */
  provider: string;
  /** Vendor model id; defaults to the key without a leading `<provider>.`. */
  model?: string;
  /** Capability names or paths. */
  capabilities?: string[];
  context_window?: number;
  max_output_tokens?: number;
  features?: ModelFeaturesDocument;
  /** USD; token prices per 1M tokens. */
  pricing?: { input?: number; cached_input?: number; output?: number; per_request?: number };
  limits?: QuotaLimitsDocument;
  /** Lower is preferred. */
  priority?: number;
  /** Positive traffic share. */
  weight?: number;
  /** @deprecated Use `context_window` / `max_output_tokens` on the model. */
  constraints?: {
    context_window?: number;
    max_output_tokens?: number;
    max_images?: unknown;
    max_file_size?: unknown;
    supported_languages?: unknown;
  };
  /** @deprecated Ignored. */
  delivery?: unknown;
  /** @deprecated Ignored. */
  batch?: unknown;
}

/** The limit and behaviour of a budget. Set exactly one of the limits. */
export interface BudgetLimitDocument {
  /** Default `day`. */
  period?: 'request' | 'minute' | 'hour' | 'day' | 'month' | 'total';
  limit_usd?: number;
  limit_tokens?: number;
  limit_requests?: number;
  /** With `unit`, instead of the three keys above. */
  limit?: number;
  unit?: 'usd' | 'tokens' | 'requests';
  /** Alert fraction, 0..1 (default 0.8). */
  alert_threshold?: number;
  /** Default `error`. */
  action?: 'error' | 'rotate' | 'warn';
}

/** One entry of `budgets`. */
export interface BudgetDocument extends BudgetLimitDocument {
  /** Defaults to the map key, or `budget-<n>` in a list. */
  name?: string;
  /** `global` (default), `pool:<name>`, `provider:<id>`, `model:<key>` or `key:<name>`. */
  scope?: string;
}

/** One proxy bearer key. */
export interface ProxyKeyDocument {
  name: string;
  /** The key (use `${ENV_VAR}`); or give `key_sha256`. */
  key?: string;
  /** Hex SHA-256 of the key. */
  key_sha256?: string;
  /** Pools the key may use (all by default). */
  pools?: string[];
  rpm?: number;
  /** A budget for this key. */
  budget?: BudgetLimitDocument;
}

/** `proxy`. */
export interface ProxyDocument {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080. */
  port?: number;
  auth?: {
    keys?: ProxyKeyDocument[];
    /** @deprecated Use `keys`. */
    tokens?: string[];
    /** @deprecated Ignored. */
    method?: unknown;
    /** @deprecated Ignored. */
    enabled?: unknown;
  };
  /** The admin API (`/admin/`) and the status page (`/status`). */
  admin?: {
    /** Their keys, separate from client keys; with none, only loopback clients are served. */
    keys?: AdminKeyDocument[];
  };
  cors?: { origins?: string[]; enabled?: unknown };
  limits?: {
    /** `1mb` by default. */
    body_size?: number | string;
    header_timeout?: DurationInput;
    request_timeout?: DurationInput;
    max_concurrent?: number;
    /** 400 by default (the proxy's). */
    max_connections?: number;
  };
  /** Default 10s. */
  shutdown_grace?: DurationInput;
  /** @deprecated Ignored. */
  endpoints?: unknown;
}

/** `proxy.admin.keys[]`: exactly one of `key` and `key_sha256`. */
export interface AdminKeyDocument {
  name: string;
  /** The key; prefer `${ENV_VAR}` or `key_sha256`. */
  key?: string;
  /** Hex SHA-256 of the key. */
  key_sha256?: string;
}

/** Secret store names. */
export type SecretStoreName = 'env' | 'inline' | 'modelmesh.env.v1' | 'modelmesh.memory-secrets.v1';

/**
 * The configuration document as users write it (YAML, JSON or an object):
 * snake_case keys, durations as `30s`, `${ENV}` and `${secrets:NAME}` references.
 * `loadConfig` turns it into a `MeshConfig`. YAML files may also
 * have top-level `x-*` keys to hold anchors for `<<:` merges; they are ignored.
 */
export interface MeshConfigDocument {
  /** JSON Schema reference for editors; ignored. */
  $schema?: string;
  providers?: Record<string, ProviderDocument | null>;
  models?: Record<string, ModelDocument>;
  pools?: Record<string, PoolDocument | null>;
  /** Policies applied to every pool before its own keys. */
  defaults?: PolicyDocument;
  budgets?: BudgetDocument[] | Record<string, BudgetDocument>;
  /** Custom capability paths to register, e.g. `compliance.pii-detection`. */
  capabilities?: string[];
  secrets?: {
    /** Default `env`. */
    store?: SecretStoreName;
    values?: Record<string, string>;
    prefix?: string;
    /** @deprecated Use `store`. */
    connector?: SecretStoreName;
    path?: unknown;
    region?: unknown;
    cache_ttl?: unknown;
    reload_on_rotation?: unknown;
    config?: unknown;
  };
  /** Shared state: `store: redis` (with `@modelmesh/store-redis` installed) shares budgets, quotas and model health between processes. */
  state?: {
    store?: 'memory' | 'redis';
    /** Redis URL, e.g. `${REDIS_URL}`; required with `store: redis`. */
    url?: string;
    /** Prefix of every key (default `modelmesh:`). */
    prefix?: string;
    /** Deprecated spelling of `prefix`. */
    key_prefix?: string;
    /** `local` (default) keeps serving from this process's state while Redis is down; `fail` refuses budget-bearing requests. */
    on_unavailable?: 'local' | 'fail';
    /** Longest wait for one Redis call (default `1s`). */
    timeout?: string | number;
  };
  /**
   * Logging and tracing, the original ModelMesh way: `log_level` sets the logging middleware's
   * level (and turns it on when set to anything but `silent`); `connector` names a logging
   * (`modelmesh.console.v1`, `logging`) or OpenTelemetry (`otel`) connector, configured by `config`.
   * `events: false` is not acted on yet (a warning).
   */
  observability?: {
    log_level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
    events?: boolean;
    connector?: string;
    config?: Record<string, unknown>;
    routing?: unknown;
    logging?: unknown;
    statistics?: unknown;
  };
  /**
   * Middleware, outermost first: `logging`, `cache`, `otel`, or the name of a package that
   * exports a `middlewarePlugin`; each alone or as `{ name, options }`.
   */
  middleware?: Array<string | { name: string; options?: Record<string, unknown> }>;
  proxy?: ProxyDocument;
  /** @deprecated Use `budgets`. */
  budget?: OriginalBudgetDocument & { per_request_limit?: number };
  /** @deprecated Original ModelMesh section; ignored. */
  storage?: unknown;
  /** @deprecated Original ModelMesh section; ignored. */
  discovery?: unknown;
  /** @deprecated Original ModelMesh section; ignored. */
  connectors?: unknown;
}
