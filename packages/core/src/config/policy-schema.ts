import * as z from 'zod/mini';
import {
  deprecatedAlias,
  described,
  duration,
  fraction,
  httpStatus,
  ignoredKey,
  meta,
  name,
  nameList,
  positiveInt,
  unsupportedKey,
} from './schema-primitives.js';

/** `deactivation`: when a model goes to standby. */
export const deactivationSchema = z.strictObject({
  failure_threshold: described(positiveInt(), 'Consecutive failures that deactivate a model (default 3).'),
  retry_limit: deprecatedAlias(positiveInt(), 'failure_threshold'),
  error_rate_threshold: described(fraction(), 'Error rate (0..1) that deactivates a model.'),
  error_rate_window: z.optional(duration({ positive: true })),
  error_rate_min_requests: z.optional(positiveInt()),
  on_rate_limit: z.optional(z.boolean()),
  on_auth_failure: z.optional(z.boolean()),
  error_codes: described(z.array(httpStatus()), 'HTTP statuses that deactivate at once.'),
  request_limit: ignoredKey(),
  token_limit: ignoredKey(),
  budget_limit: ignoredKey(),
  quota_window: ignoredKey(),
  maintenance_window: ignoredKey(),
});

/** `recovery`: how a model in standby comes back. */
export const recoverySchema = z.strictObject({
  cooldown: described(duration(), 'First cooldown (default 30s).'),
  max_cooldown: described(duration(), 'Largest cooldown after backoff, and the standby after an authentication or billing failure (default 30s).'),
  backoff_multiplier: z.optional(z.number().check(z.gte(1))),
  jitter: z.optional(fraction()),
  half_open: z.optional(z.boolean()),
  wait_for_recovery: z.optional(z.boolean()),
  probe_on_start: described(z.boolean(), 'Probe every model once when the mesh starts; one that fails starts in standby (default false).'),
  probe_interval: described(duration({ positive: true }), 'Probe models in standby (errors, credentials) at this interval in the background; a model that answers ends its standby (default: no probes).'),
  on_quota_reset: described(z.boolean(), 'A model out of its quota returns when the window resets (default true); false keeps it out until reactivated.'),
  quota_reset_schedule: ignoredKey(),
});

/** Backoff names; `retry_after` is the original ModelMesh name for jittered backoff honouring Retry-After. */
export const BACKOFF_NAMES = ['exponential_jitter', 'exponential', 'fixed', 'none', 'retry_after'] as const;

/** `retry`: how one request is retried. */
export const retrySchema = z.strictObject({
  max_attempts: described(positiveInt(), 'Total attempts for one request across all models (default 6).'),
  max_attempts_per_model: z.optional(positiveInt()),
  backoff: z.optional(z.enum(BACKOFF_NAMES)),
  initial_delay: z.optional(duration()),
  max_delay: z.optional(duration()),
  honor_retry_after: z.optional(z.boolean()),
  max_retry_after: described(duration(), 'A Retry-After up to this long (default 5s) is waited out on the same model; a longer one puts the model in standby for that long and fails over.'),
  max_retry_after_wait: deprecatedAlias(duration(), 'max_retry_after'),
  on_timeout: described(z.enum(['failover', 'retry']), 'After an attempt times out: move to the next candidate at once (failover, default) or retry the same model first (retry).'),
  max_malformed_events: described(z.int().check(z.gte(0)), 'Stream events that are not JSON one stream may skip (default 3); one more breaks the stream.'),
  retryable_codes: z.optional(z.array(httpStatus())),
  non_retryable_codes: z.optional(z.array(httpStatus())),
  scope: unsupportedKey('retries stay on the failed model, up to max_attempts_per_model, then fail over to any candidate of the pool'),
});

/** Values of `stream_recovery`. */
export const STREAM_RECOVERY_MODES = ['continue', 'restart', 'off'] as const;

/** `timeouts`: deadlines. */
export const timeoutsSchema = z.strictObject({
  request: described(duration({ positive: true }), 'Whole request, retries included (default 120s).'),
  attempt: z.optional(duration({ positive: true })),
  first_token: described(
    duration({ positive: true }),
    'Streams: wait for the first content (default 10s, 60s for reasoning models; the attempt timeout on the last candidate).',
  ),
  headers: described(
    duration({ positive: true }),
    'Wait for the response headers (default 10s for streams, 30s for a non-streaming answer; the attempt timeout on the last candidate).',
  ),
  idle: z.optional(duration({ positive: true })),
  connect: described(duration({ positive: true }), 'The TCP/TLS connection alone (default 5s).'),
});

/** Strategy options the original ModelMesh wrote on the pool; also accepted inside `strategy: {...}`. */
export const strategyOptionFields = {
  model_priority: described(nameList(), 'Model keys in preference order.'),
  provider_priority: z.optional(nameList()),
  model_weights: described(z.record(z.string(), z.number().check(z.gte(0))), 'Weights for `weighted`; 0 = backup only.'),
  session_header: unsupportedKey('the session id comes from the sessionId request option, or the x-session-id header through the proxy'),
  affinity_mode: z.optional(z.enum(['fallback', 'strict'])),
  session_timeout: z.optional(duration({ positive: true })),
  max_sessions: described(positiveInt(), 'session-sticky: most sessions remembered.'),
  min_samples: described(z.int().check(z.gte(0)), 'latency-first: measurements before a model counts as tried.'),
  exploration_rate: described(fraction(), 'latency-first: share of requests sent to a random model.'),
  rate_limit: z.optional(
    z.strictObject({
      threshold: z.optional(fraction()),
      min_delta: unsupportedKey('rate-limit-aware orders models by their remaining headroom, with threshold as its only setting'),
      max_rpm: unsupportedKey('rate-limit-aware reads quotas from the models\' limits and the providers\' rate-limit headers; set limits.rpm on the model'),
    }),
  ),
  fallback_strategy: unsupportedKey('every strategy orders all the candidates it is given, so none is left for a second strategy'),
  balance_mode: unsupportedKey('weighted uses the weights as relative shares (model_weights)'),
};

/** `strategy`: a name, or `{ name, ...options }`. */
export const strategySchema = z.union(
  [name(), z.looseObject({ name: meta(name(), { description: 'Strategy name.' }), ...strategyOptionFields })],
  { error: 'expected a strategy name or { name, ...options }' },
);

/** The policy keys shared by pools and the `defaults` section. */
export const policyFields = {
  strategy: z.optional(strategySchema),
  deactivation: z.optional(deactivationSchema),
  recovery: z.optional(recoverySchema),
  retry: z.optional(retrySchema),
  timeouts: z.optional(timeoutsSchema),
  stream_recovery: described(
    z.enum(STREAM_RECOVERY_MODES),
    'A stream that breaks after content reached the caller: continue on the next model with prefill (default; restart where it has none), restart there and hold back the text already delivered, or off (end with StreamInterruptedError).',
  ),
  hedge: described(
    z.strictObject({
      after: meta(duration({ positive: true }), { description: 'Start the next candidate in parallel when no content has arrived this long after the request started.' }),
      max: described(z.literal(1), 'Parallel attempts started besides the first (only 1 is supported).'),
    }),
    'Hedged requests (off by default): the first attempt to produce content wins, the other is aborted at once.',
  ),
};

/** `defaults`: policies applied to every pool before the pool's own keys. */
export const defaultsSchema = z.strictObject(policyFields);

/** A parsed `defaults` section. */
export type DefaultsEntry = z.output<typeof defaultsSchema>;
