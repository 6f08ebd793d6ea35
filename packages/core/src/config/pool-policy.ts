import { BUILT_IN_STRATEGY_NAMES, type BuiltInStrategyName } from '../strategies/built-in-strategies.js';

/** Names of the built-in strategies (the same list the strategy registry starts with). */
export const BUILT_IN_STRATEGIES = BUILT_IN_STRATEGY_NAMES;
export type { BuiltInStrategyName };

/** Rate-limit-aware strategy settings (original ModelMesh `rate_limit`). */
export interface RateLimitStrategyOptions {
  /** Fraction of a quota window (0..1) after which a model is avoided. */
  threshold?: number;
}

/**
 * Strategy options. The known keys are validated at load; other keys (for custom
 * strategies) are passed through with their names converted to camelCase.
 */
export interface StrategyOptions {
  /** Model keys in preference order (`priority`). */
  modelPriority?: string[];
  /** Provider ids in preference order (`priority`). */
  providerPriority?: string[];
  /** Relative weights by model key (`weighted`). */
  modelWeights?: Record<string, number>;
  /** How sessions stick (`session-sticky`), passed to the strategy as is. */
  affinityMode?: string;
  /** How long a session keeps its model, in ms (`session-sticky`). */
  sessionTimeoutMs?: number;
  /** Settings of `rate-limit-aware`. */
  rateLimit?: RateLimitStrategyOptions;
  /** Options of custom strategies. */
  [option: string]: unknown;
}

/** The strategy of a pool. */
export interface StrategyConfig {
  /** Canonical strategy name: a built-in or one registered by the app. */
  name: string;
  /** Strategy settings. */
  options: StrategyOptions;
}

/** When a model is put in standby. */
export interface DeactivationPolicy {
  /** Consecutive failures that deactivate a model. */
  failureThreshold: number;
  /** Error rate (0..1) over `errorRateWindowMs` that deactivates a model; off when absent. */
  errorRateThreshold?: number;
  /** Sliding window of the error rate, in ms. */
  errorRateWindowMs: number;
  /** Requests needed in the window before the error rate counts. */
  errorRateMinRequests: number;
  /** Deactivate on a 429 / rate-limit error. */
  onRateLimit: boolean;
  /** Deactivate on a 401/403 (the key is wrong; retrying will not help). */
  onAuthFailure: boolean;
  /** HTTP statuses that deactivate at once, whatever the counters say. */
  errorCodes: number[];
}

/** How a model in standby comes back. */
export interface RecoveryPolicy {
  /** First cooldown, in ms. */
  cooldownMs: number;
  /** Upper bound of the growing cooldown, in ms. */
  maxCooldownMs: number;
  /** Cooldown growth factor after each failed recovery (>= 1). */
  backoffMultiplier: number;
  /** Random spread (0..1) applied to cooldowns so models do not recover in lockstep. */
  jitter: number;
  /** After a cooldown, admit one trial request before fully re-activating. */
  halfOpen: boolean;
  /** When every candidate is in standby, wait for the earliest recovery within the deadline. */
  waitForRecovery: boolean;
  /** Probe every model once when the mesh starts; one that fails starts in standby. */
  probeOnStart: boolean;
  /** Probe models in standby (for errors or credentials) at this interval, in ms, in the background; no probing when absent. */
  probeIntervalMs?: number;
  /** Re-activate a model whose quota window has reset; when false it stays out until reactivated. */
  onQuotaReset: boolean;
}

/** How a delay between attempts grows. */
export type RetryBackoff = 'exponential_jitter' | 'exponential' | 'fixed' | 'none';

/** How one request is retried. */
export interface RetryPolicy {
  /** Total attempts for one request across all models. */
  maxAttempts: number;
  /** Attempts on one model before failing over to the next. */
  maxAttemptsPerModel: number;
  /** Delay growth between attempts on the same model. */
  backoff: RetryBackoff;
  /** First delay, in ms. */
  initialDelayMs: number;
  /** Largest delay, in ms. */
  maxDelayMs: number;
  /** Wait as long as the provider's `Retry-After` asks. */
  honorRetryAfter: boolean;
  /** A longer `Retry-After` fails over instead of waiting, in ms. */
  maxRetryAfterMs: number;
  /**
   * After an attempt times out (connect, first byte, first token, idle, attempt): `failover`
   * moves to the next candidate at once, `retry` retries the same model first. A silent
   * provider is usually still silent a moment later, so retrying it only multiplies the wait.
   */
  onTimeout: 'failover' | 'retry';
  /**
   * Stream events whose data is not JSON that one stream may skip (each reported as a
   * `stream.malformed_event`); one more makes it a broken stream.
   */
  maxMalformedEvents: number;
  /** Statuses worth retrying on the same model; the router's classification when absent. */
  retryableCodes?: number[];
  /** Statuses never retried. */
  nonRetryableCodes?: number[];
}

/** Deadlines, all in ms. */
export interface TimeoutPolicy {
  /** Whole request, all attempts and waits included. */
  requestMs: number;
  /** One attempt on one model. */
  attemptMs: number;
  /**
   * Streams: time until the first content chunk. When absent: 10 s (60 s for a model whose
   * spec marks it `reasoning`) while another candidate remains, else the attempt timeout.
   */
  firstTokenMs?: number;
  /**
   * Time until the response headers arrive (a non-streaming answer's come with the whole
   * answer). When absent: 10 s for streams, 30 s for a non-streaming answer (the attempt
   * timeout for a reasoning model) while another candidate remains, else the attempt timeout.
   */
  headersMs?: number;
  /** Streams: longest gap between chunks. */
  idleMs: number;
  /** The TCP/TLS connection alone. */
  connectMs: number;
}

/**
 * What happens when a stream breaks after content reached the caller: `continue` on the next
 * model with assistant prefill (a model without prefill restarts), `restart` (the next model
 * answers anew and is held back until it has reproduced what the caller has), or `off` (the
 * stream ends with a StreamInterruptedError).
 */
export type StreamRecoveryMode = 'continue' | 'restart' | 'off';

/** A hedged request: a second attempt started in parallel when the first is slow to produce content. */
export interface HedgePolicy {
  /** Milliseconds after the request started without content before the next candidate is started too. */
  afterMs: number;
  /** Parallel attempts besides the first (1). */
  max: number;
}

/** How answers are protected against slow and broken providers. */
export interface StreamPolicy {
  /** Recovery of a stream broken after content. */
  recovery: StreamRecoveryMode;
  /** Hedging, streams and non-streaming requests alike; off when absent. */
  hedge?: HedgePolicy;
}

/** Everything a pool decides besides its members. */
export interface PoolPolicy {
  /** Candidate ordering. */
  strategy: StrategyConfig;
  /** When models go to standby. */
  deactivation: DeactivationPolicy;
  /** How they come back. */
  recovery: RecoveryPolicy;
  /** How requests are retried. */
  retry: RetryPolicy;
  /** Deadlines. */
  timeouts: TimeoutPolicy;
  /** Stream protection. */
  streams: StreamPolicy;
}

/** Freezes nested objects too, so no caller can change the defaults of every later pool. */
function freezeDeep<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) freezeDeep(item);
    Object.freeze(value);
  }
  return value;
}

/** The policy of a pool that sets nothing (and of the `defaults` section's starting point). Deeply frozen. */
export const DEFAULT_POOL_POLICY: Readonly<PoolPolicy> = freezeDeep<PoolPolicy>({
  strategy: { name: 'stick-until-failure', options: {} },
  deactivation: {
    failureThreshold: 3,
    errorRateWindowMs: 60_000,
    errorRateMinRequests: 10,
    onRateLimit: true,
    onAuthFailure: true,
    errorCodes: [],
  },
  recovery: {
    cooldownMs: 30_000,
    // A recovered provider is back within 30 s whatever the outage length (issue 12, section 6).
    maxCooldownMs: 30_000,
    backoffMultiplier: 2,
    jitter: 0.2,
    halfOpen: true,
    waitForRecovery: true,
    probeOnStart: false,
    onQuotaReset: true,
  },
  retry: {
    maxAttempts: 6,
    maxAttemptsPerModel: 2,
    backoff: 'exponential_jitter',
    initialDelayMs: 250,
    maxDelayMs: 8_000,
    honorRetryAfter: true,
    maxRetryAfterMs: 5_000,
    onTimeout: 'failover',
    maxMalformedEvents: 3,
  },
  timeouts: {
    requestMs: 120_000,
    attemptMs: 60_000,
    idleMs: 30_000,
    connectMs: 5_000,
  },
  streams: { recovery: 'continue' },
});
