/**
 * A duration: `500ms`, `30s`, `5m`, `1h`, `1d`, `1m30s`, or a number of
 * **seconds**. A `${VAR}` reference holding such a value works too.
 */
export type DurationInput = number | string;

/** `deactivation`: when a model goes to standby. */
export interface DeactivationDocument {
  /** Consecutive failures that deactivate a model (default 3). */
  failure_threshold?: number;
  /** @deprecated Original ModelMesh name of `failure_threshold`. */
  retry_limit?: number;
  /** Error rate, 0..1, that deactivates a model (off by default). */
  error_rate_threshold?: number;
  /** Window of the error rate (default 60s). */
  error_rate_window?: DurationInput;
  /** Requests needed in the window before the error rate counts (default 10). */
  error_rate_min_requests?: number;
  /** Deactivate on a rate-limit error (default true). */
  on_rate_limit?: boolean;
  /** Deactivate on an authentication error (default true). */
  on_auth_failure?: boolean;
  /** HTTP statuses that deactivate at once. */
  error_codes?: number[];
  /** @deprecated Original ModelMesh key; ignored. */
  request_limit?: unknown;
  /** @deprecated Original ModelMesh key; ignored. */
  token_limit?: unknown;
  /** @deprecated Original ModelMesh key; ignored. */
  budget_limit?: unknown;
  /** @deprecated Original ModelMesh key; ignored. */
  quota_window?: unknown;
  /** @deprecated Original ModelMesh key; ignored. */
  maintenance_window?: unknown;
}

/** `recovery`: how a model in standby comes back. */
export interface RecoveryDocument {
  /** First cooldown (default 30s). */
  cooldown?: DurationInput;
  /** Largest cooldown after backoff, and the standby after an authentication or billing failure (default 30s). */
  max_cooldown?: DurationInput;
  /** Cooldown growth per failed recovery, >= 1 (default 2). */
  backoff_multiplier?: number;
  /** Random spread of cooldowns, 0..1 (default 0.2). */
  jitter?: number;
  /** Admit one trial request after a cooldown (default true). */
  half_open?: boolean;
  /** When all candidates are in standby, wait for the first recovery within the deadline (default true). */
  wait_for_recovery?: boolean;
  /** Probe every model once when the mesh starts; one that fails starts in standby (default false). */
  probe_on_start?: boolean;
  /** Probe models in standby (for errors or credentials) at this interval, in the background (default: no probes). */
  probe_interval?: DurationInput;
  /** Re-activate a model when its quota window resets (default true); `false` keeps it out until reactivated. */
  on_quota_reset?: boolean;
  /** @deprecated Original ModelMesh key; ignored. */
  quota_reset_schedule?: unknown;
}

/** `retry`: how one request is retried. */
export interface RetryDocument {
  /** Total attempts for one request across all models (default 6). */
  max_attempts?: number;
  /** Attempts on one model before failing over (default 2). */
  max_attempts_per_model?: number;
  /** Delay growth (default exponential_jitter); `retry_after` is the original name of exponential_jitter + honor_retry_after. */
  backoff?: 'exponential_jitter' | 'exponential' | 'fixed' | 'none' | 'retry_after';
  /** First delay (default 250ms). */
  initial_delay?: DurationInput;
  /** Largest delay (default 8s). */
  max_delay?: DurationInput;
  /** Honour the provider's Retry-After (default true). */
  honor_retry_after?: boolean;
  /** A Retry-After up to this long is waited out on the same model; a longer one puts the model in standby and fails over (default 5s). */
  max_retry_after?: DurationInput;
  /** @deprecated Use `max_retry_after` (the same setting). */
  max_retry_after_wait?: DurationInput;
  /** Stream events that are not JSON one stream may skip (default 3); one more breaks the stream. */
  max_malformed_events?: number;
  /** After an attempt times out: `failover` to the next candidate at once (default) or `retry` the same model first. */
  on_timeout?: 'failover' | 'retry';
  /** Statuses retried on the same model. */
  retryable_codes?: number[];
  /** Statuses never retried. */
  non_retryable_codes?: number[];
  /** Not supported (an error): retries stay on the failed model, then fail over to any candidate. */
  scope?: never;
}

/** `timeouts`: deadlines. */
export interface TimeoutsDocument {
  /** Whole request, retries included (default 120s). */
  request?: DurationInput;
  /** One attempt (default 60s). */
  attempt?: DurationInput;
  /** Streams: until the first content (default 10s, 60s for reasoning models; the attempt timeout on the last candidate). */
  first_token?: DurationInput;
  /** Until the response headers (default 10s for streams, 30s for a non-streaming answer; the attempt timeout on the last candidate). */
  headers?: DurationInput;
  /** Streams: between chunks (default 30s). */
  idle?: DurationInput;
  /** The TCP/TLS connection alone (default 5s). */
  connect?: DurationInput;
}

/** Strategy options; also accepted directly on a pool, as the original ModelMesh wrote them. */
export interface StrategyOptionsDocument {
  /** Model keys in preference order (`priority`). */
  model_priority?: string[];
  /** Provider ids in preference order (`priority`). */
  provider_priority?: string[];
  /** Relative weights by model key (`weighted`); 0 makes a model a backup only. */
  model_weights?: Record<string, number>;
  /** Not supported (an error): the session id comes from the request (`sessionId`, or `x-session-id` through the proxy). */
  session_header?: never;
  /** Session affinity mode (`session-sticky`): remap a session whose model is away, or keep it. */
  affinity_mode?: 'fallback' | 'strict';
  /** How long a session keeps its model (`session-sticky`). */
  session_timeout?: DurationInput;
  /** Most sessions remembered (`session-sticky`, default 10 000). */
  max_sessions?: number;
  /** Measurements before a model counts as tried (`latency-first`, default 1). */
  min_samples?: number;
  /** Share of requests sent to a random model to keep measuring (`latency-first`, default 0.05). */
  exploration_rate?: number;
  /** Settings of `rate-limit-aware`. */
  rate_limit?: {
    threshold?: number;
    /** Not supported (an error). */
    min_delta?: never;
    /** Not supported (an error): set `limits.rpm` on the model. */
    max_rpm?: never;
  };
  /** Not supported (an error): every strategy orders all of its candidates. */
  fallback_strategy?: never;
  /** Not supported (an error): `weighted` uses the weights as relative shares. */
  balance_mode?: never;
}

/** A strategy name (`priority`, `modelmesh.priority-selection.v1`, ...) or `{ name, ...options }`. */
export type StrategyDocument = string | (StrategyOptionsDocument & { name: string; [option: string]: unknown });

/** The policy keys of a pool, also allowed in the top-level `defaults` section. */
export interface PolicyDocument {
  /** Candidate ordering (default stick-until-failure). */
  strategy?: StrategyDocument;
  /** When models go to standby. */
  deactivation?: DeactivationDocument;
  /** How they come back. */
  recovery?: RecoveryDocument;
  /** How requests are retried. */
  retry?: RetryDocument;
  /** Deadlines. */
  timeouts?: TimeoutsDocument;
  /**
   * A stream broken after content reached the caller: `continue` on the next model with
   * assistant prefill (default; a model without prefill restarts), `restart` on the next model
   * holding back what the caller already has, or `off` (the stream ends with StreamInterruptedError).
   */
  stream_recovery?: 'continue' | 'restart' | 'off';
  /**
   * Hedged requests (off by default): when no content has arrived `after` the request started,
   * the next candidate starts in parallel; the first to produce content wins and the other is
   * aborted at once. Both are billed for what they used.
   */
  hedge?: { after: DurationInput; max?: 1 };
}

/** `pools.<name>`. */
export interface PoolDocument extends PolicyDocument, StrategyOptionsDocument {
  /** Capability name or path; without capability and models, the pool name is used. */
  capability?: string;
  /** Member model keys. */
  models?: string[];
  /** Only models of these providers. */
  providers?: string[];
  /** Never models of these providers. */
  excluded_providers?: string[];
  /** @deprecated Use `deactivation.failure_threshold`. */
  failure_threshold?: number;
  /** @deprecated Use `recovery.cooldown`. */
  cooldown_seconds?: number;
  /** @deprecated Original ModelMesh key; ignored. */
  on_budget_exceeded?: unknown;
  /** @deprecated Original ModelMesh key; ignored. */
  provider_deactivation?: unknown;
  /** @deprecated Original ModelMesh key; ignored. */
  provider_recovery?: unknown;
  /** @deprecated Original ModelMesh key; ignored. */
  strategy_instance?: unknown;
  /** @deprecated Original ModelMesh key; ignored. */
  rotation?: unknown;
}
