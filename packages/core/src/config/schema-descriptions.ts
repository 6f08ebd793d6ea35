import type * as z from 'zod/mini';
import { budgetLimitFields, budgetSchema } from './budget-schema.js';
import { documentSchema } from './document-schema.js';
import { featuresSchema, modelSchema, pricingSchema } from './model-schema.js';
import { deactivationSchema, defaultsSchema, hedgeSchema, recoverySchema, retrySchema, strategyObjectSchema, strategyOptionFields, timeoutsSchema } from './policy-schema.js';
import { poolSchema } from './pool-schema.js';
import { connectionFields, providerBudgetSchema, providerSchema } from './provider-schema.js';
import { adminKeySchema, proxyAdminSchema, proxyKeySchema } from './proxy-schema.js';
import { quotaLimitsSchema } from './schema-primitives.js';
import { middlewareObjectSchema, secretsSchema, stateSchema } from './service-schemas.js';

/*
 * What each configuration key means, for editors (the JSON Schema's `description`s).
 * Only configJsonSchema() reads this module, so a browser bundle that validates a
 * config carries none of this text. Descriptions attach to the schema of a key, so
 * a key shared by several sections (the policy keys of pools and `defaults`, the
 * connection keys of a provider and its original `config:` block) is described once.
 */

type Shape = Readonly<Record<string, z.core.$ZodType>>;

/** Pairs the keys of one section with their descriptions; a key the section lacks fails to compile. */
function keys<S extends Shape>(shape: S, descriptions: { readonly [K in keyof S]?: string }): [z.core.$ZodType, string][] {
  return Object.entries(descriptions).flatMap(([key, text]) => {
    const schema = shape[key];
    return schema === undefined || text === undefined ? [] : [[schema, text] as [z.core.$ZodType, string]];
  });
}

/** The title of the whole document. */
export const DOCUMENT_TITLE = 'ModelMesh configuration';

/** Description of each described key, by the key's schema. */
export function keyDescriptions(): ReadonlyMap<z.core.$ZodType, string> {
  return new Map([
    // Top level
    ...keys(documentSchema.shape, {
      defaults: 'Policies applied to every pool before its own keys.',
      capabilities: 'Custom capability paths, e.g. compliance.pii-detection.',
      middleware: 'Middleware, outermost first: logging, cache, otel or package names, each alone or as { name, options }.',
    }),

    // providers.<id>
    ...keys(providerSchema.shape, {
      connector: 'Connector id (openai.llm.v1) or plugin name (openai). Defaults to the provider id.',
      options: 'Free-form options passed to the provider plugin.',
    }),
    ...keys(connectionFields, {
      api_key: 'API key; use ${ENV_VAR} or ${secrets:NAME} rather than the key itself.',
      base_url: "Endpoint overriding the plugin's default.",
      headers: 'Extra HTTP headers.',
      query: 'Extra query parameters.',
      max_connections: 'The most requests in flight to this provider at once (each open stream holds a connection); more wait in a local queue that its timeouts.headers does not count. Default: no cap.',
    }),
    // providers.<id>.budget (original ModelMesh)
    ...keys(providerBudgetSchema.shape, { daily_limit: 'USD per day.', monthly_limit: 'USD per month.' }),
    // providers.<id>.limits, models.<key>.limits
    ...keys(quotaLimitsSchema.shape, {
      rpm: 'Requests per minute.',
      tpm: 'Tokens per minute.',
      rpd: 'Requests per day.',
      tpd: 'Tokens per day.',
    }),

    // models.<key>
    ...keys(modelSchema.shape, {
      provider: 'Provider id from providers (or its connector id).',
      model: 'Model id at the vendor; defaults to the key without its provider prefix.',
      capabilities: 'Capability names or paths, e.g. chat-completion.',
      priority: 'Lower is preferred by the priority strategy.',
      weight: 'Relative traffic share for the weighted strategy.',
    }),
    // models.<key>.features
    ...keys(featuresSchema.shape, {
      reasoning: 'A reasoning model (long silent thinking): longer default first-token and header limits.',
      prefill: 'Assistant prefill: the model continues a trailing assistant message (overrides the provider plugin; unset means unknown until tried).',
    }),
    // models.<key>.pricing
    ...keys(pricingSchema.shape, {
      input: 'USD per 1M input tokens.',
      cached_input: 'USD per 1M cached input tokens.',
      output: 'USD per 1M output tokens.',
      per_request: 'USD per request.',
    }),

    // pools.<name>
    ...keys(poolSchema.shape, {
      capability: 'Capability served; without capability and models the pool name is used.',
      models: 'Member model keys.',
      providers: 'Only models of these providers.',
    }),
    // pools.<name> and defaults
    ...keys(defaultsSchema.shape, {
      stream_recovery:
        'A stream that breaks after content reached the caller: continue on the next model with prefill (default; restart where it has none), restart there and hold back the text already delivered, or off (end with StreamInterruptedError).',
      hedge: 'Hedged requests (off by default): the first attempt to produce content wins, the other is aborted at once.',
    }),
    // pools.<name>.hedge
    ...keys(hedgeSchema.shape, {
      after: 'Start the next candidate in parallel when no content has arrived this long after the request started.',
      max: 'Parallel attempts started besides the first (only 1 is supported).',
    }),
    // pools.<name>.strategy, and the same options on the pool (original ModelMesh)
    ...keys(strategyObjectSchema.shape, { name: 'Strategy name.' }),
    ...keys(strategyOptionFields, {
      model_priority: 'Model keys in preference order.',
      model_weights: 'Weights for `weighted`; 0 = backup only.',
      max_sessions: 'session-sticky: most sessions remembered.',
      min_samples: 'latency-first: measurements before a model counts as tried.',
      exploration_rate: 'latency-first: share of requests sent to a random model.',
    }),
    // pools.<name>.deactivation
    ...keys(deactivationSchema.shape, {
      failure_threshold: 'Consecutive failures that deactivate a model (default 3).',
      error_rate_threshold: 'Error rate (0..1) that deactivates a model.',
      error_codes: 'HTTP statuses that deactivate at once.',
    }),
    // pools.<name>.recovery
    ...keys(recoverySchema.shape, {
      cooldown: 'First cooldown (default 30s).',
      max_cooldown: 'Largest cooldown after backoff, and the standby after an authentication or billing failure (default 30s).',
      probe_on_start: 'Probe every model once when the mesh starts; one that fails starts in standby (default false).',
      probe_interval:
        'Probe models in standby (errors, credentials) at this interval in the background; a model that answers ends its standby (default: no probes).',
      on_quota_reset: 'A model out of its quota returns when the window resets (default true); false keeps it out until reactivated.',
    }),
    // pools.<name>.retry
    ...keys(retrySchema.shape, {
      max_attempts: 'Total attempts for one request across all models (default 6).',
      max_retry_after:
        'A Retry-After up to this long (default 5s) is waited out on the same model; a longer one puts the model in standby for that long and fails over.',
      on_timeout: 'After an attempt times out: move to the next candidate at once (failover, default) or retry the same model first (retry).',
      max_malformed_events: 'Stream events that are not JSON one stream may skip (default 3); one more breaks the stream.',
    }),
    // pools.<name>.timeouts
    ...keys(timeoutsSchema.shape, {
      request: 'Whole request, retries included (default 120s).',
      first_token: 'Streams: wait for the first content (default 10s, 60s for reasoning models; the attempt timeout on the last candidate).',
      headers: 'Wait for the response headers (default 10s for streams, 30s for a non-streaming answer; the attempt timeout on the last candidate).',
      connect: 'The TCP/TLS connection alone (default 5s).',
    }),

    // budgets[]
    ...keys(budgetSchema.shape, { scope: 'global (default), pool:<name>, provider:<id>, model:<key> or key:<proxy key name>.' }),
    // budgets[], proxy.auth.keys[].budget
    ...keys(budgetLimitFields, {
      period: 'Counting window (default day).',
      limit: 'Limit in `unit`; an alternative to limit_usd / limit_tokens / limit_requests.',
      alert_threshold: 'Fraction of the limit that fires an alert (default 0.8).',
      action: 'error (default) refuses, rotate avoids the scope, warn only reports.',
    }),

    // secrets
    ...keys(secretsSchema.shape, {
      store: 'env (default) also reads environment variables; inline only values.',
      values: 'Secrets by name, for ${secrets:NAME}.',
      prefix: 'Prefix of the environment variable holding a secret.',
    }),
    // state
    ...keys(stateSchema.shape, {
      store: 'memory (one process, default) or redis (shared by several processes; needs @modelmesh/store-redis).',
      url: 'Redis URL, e.g. redis://localhost:6379 or ${REDIS_URL}.',
      prefix: 'Prefix of every key the store writes (default modelmesh:); deployments sharing one Redis use different prefixes.',
      on_unavailable:
        "When Redis is down or slow: local (default) keeps serving from this process's state, fail refuses requests that carry a budget or quota.",
      timeout: 'Longest wait for one Redis call before it counts as unavailable (default 1s).',
    }),
    // middleware[]
    ...keys(middlewareObjectSchema.shape, {
      name: 'logging, cache, otel, or the name of a package that exports a middlewarePlugin.',
      options: "The middleware's options (see its README).",
    }),

    // proxy.auth.keys[]
    ...keys(proxyKeySchema.shape, {
      key: 'The bearer key; prefer ${ENV_VAR} or key_sha256.',
      key_sha256: 'Hex SHA-256 of the key.',
      budget: 'A budget for this key (scope key:<name>).',
    }),
    // proxy.admin
    ...keys(proxyAdminSchema.shape, {
      keys: 'Keys of the admin API and the status page, separate from client keys; none: loopback clients only.',
    }),
    // proxy.admin.keys[]
    ...keys(adminKeySchema.shape, {
      key: 'The admin bearer key; prefer ${ENV_VAR} or key_sha256.',
      key_sha256: 'Hex SHA-256 of the admin key.',
    }),
  ]);
}
