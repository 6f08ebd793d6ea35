import * as z from 'zod';
import {
  deprecatedAlias,
  duration,
  fraction,
  httpStatus,
  ignoredKey,
  name,
  nameList,
  positiveInt,
  unsupportedKey,
} from './schema-primitives.js';

/** `deactivation`: when a model goes to standby. */
export const deactivationSchema = z.strictObject({
  failure_threshold: positiveInt().optional().meta({ description: 'Consecutive failures that deactivate a model (default 3).' }),
  retry_limit: deprecatedAlias(positiveInt(), 'failure_threshold'),
  error_rate_threshold: fraction().optional().meta({ description: 'Error rate (0..1) that deactivates a model.' }),
  error_rate_window: duration({ positive: true }).optional(),
  error_rate_min_requests: positiveInt().optional(),
  on_rate_limit: z.boolean().optional(),
  on_auth_failure: z.boolean().optional(),
  error_codes: z.array(httpStatus()).optional().meta({ description: 'HTTP statuses that deactivate at once.' }),
  request_limit: ignoredKey(),
  token_limit: ignoredKey(),
  budget_limit: ignoredKey(),
  quota_window: ignoredKey(),
  maintenance_window: ignoredKey(),
});

/** `recovery`: how a model in standby comes back. */
export const recoverySchema = z.strictObject({
  cooldown: duration().optional().meta({ description: 'First cooldown (default 30s).' }),
  max_cooldown: duration().optional().meta({ description: 'Largest cooldown after backoff, and the standby after an authentication or billing failure (default 30s).' }),
  backoff_multiplier: z.number().min(1).optional(),
  jitter: fraction().optional(),
  half_open: z.boolean().optional(),
  wait_for_recovery: z.boolean().optional(),
  probe_on_start: z.boolean().optional().meta({ description: 'Probe every model once when the mesh starts; one that fails starts in standby (default false).' }),
  probe_interval: duration({ positive: true }).optional().meta({ description: 'Probe models in standby (errors, credentials) at this interval in the background; a model that answers ends its standby (default: no probes).' }),
  on_quota_reset: z.boolean().optional().meta({ description: 'A model out of its quota returns when the window resets (default true); false keeps it out until reactivated.' }),
  quota_reset_schedule: ignoredKey(),
});

/** Backoff names; `retry_after` is the original ModelMesh name for jittered backoff honouring Retry-After. */
export const BACKOFF_NAMES = ['exponential_jitter', 'exponential', 'fixed', 'none', 'retry_after'] as const;

/** `retry`: how one request is retried. */
export const retrySchema = z.strictObject({
  max_attempts: positiveInt().optional().meta({ description: 'Total attempts for one request across all models (default 6).' }),
  max_attempts_per_model: positiveInt().optional(),
  backoff: z.enum(BACKOFF_NAMES).optional(),
  initial_delay: duration().optional(),
  max_delay: duration().optional(),
  honor_retry_after: z.boolean().optional(),
  max_retry_after: duration().optional().meta({ description: 'A Retry-After up to this long (default 5s) is waited out on the same model; a longer one puts the model in standby for that long and fails over.' }),
  max_retry_after_wait: deprecatedAlias(duration(), 'max_retry_after'),
  on_timeout: z.enum(['failover', 'retry']).optional().meta({ description: 'After an attempt times out: move to the next candidate at once (failover, default) or retry the same model first (retry).' }),
  max_malformed_events: z.number().int().gte(0).optional().meta({ description: 'Stream events that are not JSON one stream may skip (default 3); one more breaks the stream.' }),
  retryable_codes: z.array(httpStatus()).optional(),
  non_retryable_codes: z.array(httpStatus()).optional(),
  scope: unsupportedKey('retries stay on the failed model, up to max_attempts_per_model, then fail over to any candidate of the pool'),
});

/** Values of `stream_recovery`. */
export const STREAM_RECOVERY_MODES = ['continue', 'restart', 'off'] as const;

/** `timeouts`: deadlines. */
export const timeoutsSchema = z.strictObject({
  request: duration({ positive: true }).optional().meta({ description: 'Whole request, retries included (default 120s).' }),
  attempt: duration({ positive: true }).optional(),
  first_token: duration({ positive: true })
    .optional()
    .meta({ description: 'Streams: wait for the first content (default 10s, 60s for reasoning models; the attempt timeout on the last candidate).' }),
  headers: duration({ positive: true })
    .optional()
    .meta({ description: 'Wait for the response headers (default 10s for streams, 30s for a non-streaming answer; the attempt timeout on the last candidate).' }),
  idle: duration({ positive: true }).optional(),
  connect: duration({ positive: true }).optional().meta({ description: 'The TCP/TLS connection alone (default 5s).' }),
});

/** Strategy options the original ModelMesh wrote on the pool; also accepted inside `strategy: {...}`. */
export const strategyOptionFields = {
  model_priority: nameList().optional().meta({ description: 'Model keys in preference order.' }),
  provider_priority: nameList().optional(),
  model_weights: z.record(z.string(), z.number().gte(0)).optional().meta({ description: 'Weights for `weighted`; 0 = backup only.' }),
  session_header: unsupportedKey('the session id comes from the sessionId request option, or the x-session-id header through the proxy'),
  affinity_mode: z.enum(['fallback', 'strict']).optional(),
  session_timeout: duration({ positive: true }).optional(),
  max_sessions: positiveInt().optional().meta({ description: 'session-sticky: most sessions remembered.' }),
  min_samples: z.number().int().gte(0).optional().meta({ description: 'latency-first: measurements before a model counts as tried.' }),
  exploration_rate: fraction().optional().meta({ description: 'latency-first: share of requests sent to a random model.' }),
  rate_limit: z
    .strictObject({
      threshold: fraction().optional(),
      min_delta: unsupportedKey('rate-limit-aware orders models by their remaining headroom, with threshold as its only setting'),
      max_rpm: unsupportedKey('rate-limit-aware reads quotas from the models\' limits and the providers\' rate-limit headers; set limits.rpm on the model'),
    })
    .optional(),
  fallback_strategy: unsupportedKey('every strategy orders all the candidates it is given, so none is left for a second strategy'),
  balance_mode: unsupportedKey('weighted uses the weights as relative shares (model_weights)'),
};

/** `strategy`: a name, or `{ name, ...options }`. */
export const strategySchema = z.union(
  [name(), z.looseObject({ name: name().meta({ description: 'Strategy name.' }), ...strategyOptionFields })],
  { error: 'expected a strategy name or { name, ...options }' },
);

/** The policy keys shared by pools and the `defaults` section. */
export const policyFields = {
  strategy: strategySchema.optional(),
  deactivation: deactivationSchema.optional(),
  recovery: recoverySchema.optional(),
  retry: retrySchema.optional(),
  timeouts: timeoutsSchema.optional(),
  stream_recovery: z
    .enum(STREAM_RECOVERY_MODES)
    .optional()
    .meta({ description: 'A stream that breaks after content reached the caller: continue on the next model with prefill (default; restart where it has none), restart there and hold back the text already delivered, or off (end with StreamInterruptedError).' }),
  hedge: z
    .strictObject({
      after: duration({ positive: true }).meta({ description: 'Start the next candidate in parallel when no content has arrived this long after the request started.' }),
      max: z.literal(1).optional().meta({ description: 'Parallel attempts started besides the first (only 1 is supported).' }),
    })
    .optional()
    .meta({ description: 'Hedged requests (off by default): the first attempt to produce content wins, the other is aborted at once.' }),
};

/** `defaults`: policies applied to every pool before the pool's own keys. */
export const defaultsSchema = z.strictObject(policyFields);

/** A parsed `defaults` section. */
export type DefaultsEntry = z.output<typeof defaultsSchema>;
