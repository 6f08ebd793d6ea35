import * as z from 'zod/mini';
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

// What each key means, for editors: schema-descriptions.ts (kept out of the runtime bundle).

/** `deactivation`: when a model goes to standby. */
export const deactivationSchema = z.strictObject({
  failure_threshold: z.optional(positiveInt()),
  retry_limit: deprecatedAlias(positiveInt(), 'failure_threshold'),
  error_rate_threshold: z.optional(fraction()),
  error_rate_window: z.optional(duration({ positive: true })),
  error_rate_min_requests: z.optional(positiveInt()),
  on_rate_limit: z.optional(z.boolean()),
  on_auth_failure: z.optional(z.boolean()),
  error_codes: z.optional(z.array(httpStatus())),
  request_limit: ignoredKey(),
  token_limit: ignoredKey(),
  budget_limit: ignoredKey(),
  quota_window: ignoredKey(),
  maintenance_window: ignoredKey(),
});

/** `recovery`: how a model in standby comes back. */
export const recoverySchema = z.strictObject({
  cooldown: z.optional(duration()),
  max_cooldown: z.optional(duration()),
  backoff_multiplier: z.optional(z.number().check(z.gte(1))),
  jitter: z.optional(fraction()),
  half_open: z.optional(z.boolean()),
  wait_for_recovery: z.optional(z.boolean()),
  probe_on_start: z.optional(z.boolean()),
  probe_interval: z.optional(duration({ positive: true })),
  on_quota_reset: z.optional(z.boolean()),
  quota_reset_schedule: ignoredKey(),
});

/** Backoff names; `retry_after` is the original ModelMesh name for jittered backoff honouring Retry-After. */
export const BACKOFF_NAMES = ['exponential_jitter', 'exponential', 'fixed', 'none', 'retry_after'] as const;

/** `retry`: how one request is retried. */
export const retrySchema = z.strictObject({
  max_attempts: z.optional(positiveInt()),
  max_attempts_per_model: z.optional(positiveInt()),
  backoff: z.optional(z.enum(BACKOFF_NAMES)),
  initial_delay: z.optional(duration()),
  max_delay: z.optional(duration()),
  honor_retry_after: z.optional(z.boolean()),
  max_retry_after: z.optional(duration()),
  max_retry_after_wait: deprecatedAlias(duration(), 'max_retry_after'),
  on_timeout: z.optional(z.enum(['failover', 'retry'])),
  max_malformed_events: z.optional(z.int().check(z.gte(0))),
  retryable_codes: z.optional(z.array(httpStatus())),
  non_retryable_codes: z.optional(z.array(httpStatus())),
  scope: unsupportedKey('retries stay on the failed model, up to max_attempts_per_model, then fail over to any candidate of the pool'),
});

/** Values of `stream_recovery`. */
export const STREAM_RECOVERY_MODES = ['continue', 'restart', 'off'] as const;

/** `timeouts`: deadlines. */
export const timeoutsSchema = z.strictObject({
  request: z.optional(duration({ positive: true })),
  attempt: z.optional(duration({ positive: true })),
  first_token: z.optional(duration({ positive: true })),
  headers: z.optional(duration({ positive: true })),
  idle: z.optional(duration({ positive: true })),
  connect: z.optional(duration({ positive: true })),
});

/** Strategy options the original ModelMesh wrote on the pool; also accepted inside `strategy: {...}`. */
export const strategyOptionFields = {
  model_priority: z.optional(nameList()),
  provider_priority: z.optional(nameList()),
  model_weights: z.optional(z.record(z.string(), z.number().check(z.gte(0)))),
  session_header: unsupportedKey('the session id comes from the sessionId request option, or the x-session-id header through the proxy'),
  affinity_mode: z.optional(z.enum(['fallback', 'strict'])),
  session_timeout: z.optional(duration({ positive: true })),
  max_sessions: z.optional(positiveInt()),
  min_samples: z.optional(z.int().check(z.gte(0))),
  exploration_rate: z.optional(fraction()),
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

/** The `{ name, ...options }` form of `strategy`. */
export const strategyObjectSchema = z.looseObject({ name: name(), ...strategyOptionFields });

/** `strategy`: a name, or `{ name, ...options }`. */
export const strategySchema = z.union([name(), strategyObjectSchema], { error: 'expected a strategy name or { name, ...options }' });

/** `hedge`: hedged requests. */
export const hedgeSchema = z.strictObject({
  after: duration({ positive: true }),
  max: z.optional(z.literal(1)),
});

/** The policy keys shared by pools and the `defaults` section. */
export const policyFields = {
  strategy: z.optional(strategySchema),
  deactivation: z.optional(deactivationSchema),
  recovery: z.optional(recoverySchema),
  retry: z.optional(retrySchema),
  timeouts: z.optional(timeoutsSchema),
  stream_recovery: z.optional(z.enum(STREAM_RECOVERY_MODES)),
  hedge: z.optional(hedgeSchema),
};

/** `defaults`: policies applied to every pool before the pool's own keys. */
export const defaultsSchema = z.strictObject(policyFields);

/** A parsed `defaults` section. */
export type DefaultsEntry = z.output<typeof defaultsSchema>;
