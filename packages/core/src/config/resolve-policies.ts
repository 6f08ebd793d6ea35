import type * as z from 'zod/mini';
import type { ConfigPath } from './config-path.js';
import { definedFields } from './defined-fields.js';
import { formatDuration } from './duration.js';
import type { IssueCollector } from './issue-collector.js';
import type { deactivationSchema, recoverySchema, retrySchema, timeoutsSchema } from './policy-schema.js';
import {
  DEFAULT_POOL_POLICY,
  type DeactivationPolicy,
  type PoolPolicy,
  type RecoveryPolicy,
  type RetryPolicy,
  type StreamPolicy,
  type StreamRecoveryMode,
  type TimeoutPolicy,
} from './pool-policy.js';

/** The policy keys one layer (the `defaults` section or a pool) sets, already camelCase. */
export interface PolicyLayer {
  deactivation: Partial<DeactivationPolicy>;
  recovery: Partial<RecoveryPolicy>;
  retry: Partial<RetryPolicy>;
  timeouts: Partial<TimeoutPolicy>;
  streams: Partial<StreamPolicy>;
}

/** The parsed policy sections of one layer, plus the original pool-level shortcuts. */
export interface PolicyEntries {
  deactivation?: z.output<typeof deactivationSchema> | undefined;
  recovery?: z.output<typeof recoverySchema> | undefined;
  retry?: z.output<typeof retrySchema> | undefined;
  timeouts?: z.output<typeof timeoutsSchema> | undefined;
  failure_threshold?: number | undefined;
  cooldown_seconds?: number | undefined;
  stream_recovery?: StreamRecoveryMode | undefined;
  hedge?: { after: number; max?: number | undefined } | undefined;
}

function deactivation(entry: PolicyEntries, path: ConfigPath, issues: IssueCollector): Partial<DeactivationPolicy> {
  const d = entry.deactivation ?? {};
  if (d.retry_limit !== undefined) issues.deprecated([...path, 'deactivation', 'retry_limit'], 'failure_threshold');
  if (entry.failure_threshold !== undefined) issues.deprecated([...path, 'failure_threshold'], 'deactivation.failure_threshold');
  return definedFields<Partial<DeactivationPolicy>>({
    failureThreshold: d.failure_threshold ?? d.retry_limit ?? entry.failure_threshold,
    errorRateThreshold: d.error_rate_threshold,
    errorRateWindowMs: d.error_rate_window,
    errorRateMinRequests: d.error_rate_min_requests,
    onRateLimit: d.on_rate_limit,
    onAuthFailure: d.on_auth_failure,
    errorCodes: d.error_codes && [...d.error_codes],
  });
}

function recovery(entry: PolicyEntries, path: ConfigPath, issues: IssueCollector): Partial<RecoveryPolicy> {
  const r = entry.recovery ?? {};
  if (entry.cooldown_seconds !== undefined) issues.deprecated([...path, 'cooldown_seconds'], 'recovery.cooldown');
  return definedFields<Partial<RecoveryPolicy>>({
    cooldownMs: r.cooldown ?? (entry.cooldown_seconds === undefined ? undefined : Math.round(entry.cooldown_seconds * 1000)),
    maxCooldownMs: r.max_cooldown,
    backoffMultiplier: r.backoff_multiplier,
    jitter: r.jitter,
    halfOpen: r.half_open,
    waitForRecovery: r.wait_for_recovery,
    probeOnStart: r.probe_on_start,
    probeIntervalMs: r.probe_interval,
    onQuotaReset: r.on_quota_reset,
  });
}

function retry(entry: PolicyEntries, path: ConfigPath, issues: IssueCollector): Partial<RetryPolicy> {
  const r = entry.retry ?? {};
  const legacyBackoff = r.backoff === 'retry_after';
  if (r.max_retry_after_wait !== undefined) issues.deprecated([...path, 'retry', 'max_retry_after_wait'], 'max_retry_after');
  if (legacyBackoff) {
    issues.warn([...path, 'retry', 'backoff'], 'deprecated backoff retry_after; use exponential_jitter with honor_retry_after: true', 'value');
  }
  return definedFields<Partial<RetryPolicy>>({
    maxAttempts: r.max_attempts,
    maxAttemptsPerModel: r.max_attempts_per_model,
    backoff: r.backoff === 'retry_after' ? 'exponential_jitter' : r.backoff,
    initialDelayMs: r.initial_delay,
    maxDelayMs: r.max_delay,
    honorRetryAfter: r.honor_retry_after ?? (legacyBackoff ? true : undefined),
    maxRetryAfterMs: r.max_retry_after ?? r.max_retry_after_wait,
    onTimeout: r.on_timeout,
    maxMalformedEvents: r.max_malformed_events,
    retryableCodes: r.retryable_codes && [...r.retryable_codes],
    nonRetryableCodes: r.non_retryable_codes && [...r.non_retryable_codes],
  });
}

function timeouts(entry: PolicyEntries): Partial<TimeoutPolicy> {
  const t = entry.timeouts ?? {};
  return definedFields<Partial<TimeoutPolicy>>({
    requestMs: t.request,
    attemptMs: t.attempt,
    firstTokenMs: t.first_token,
    headersMs: t.headers,
    idleMs: t.idle,
    connectMs: t.connect,
  });
}

/** Normalises one layer's policy keys, warning about original spellings at `path`. */
export function policyLayer(entry: PolicyEntries, path: ConfigPath, issues: IssueCollector): PolicyLayer {
  return {
    deactivation: deactivation(entry, path, issues),
    recovery: recovery(entry, path, issues),
    retry: retry(entry, path, issues),
    timeouts: timeouts(entry),
    streams: definedFields<Partial<StreamPolicy>>({ recovery: entry.stream_recovery, hedge: entry.hedge && { afterMs: entry.hedge.after, max: entry.hedge.max ?? 1 } }),
  };
}

/** An empty layer, for pools when the document has no `defaults`. */
export const EMPTY_LAYER: PolicyLayer = { deactivation: {}, recovery: {}, retry: {}, timeouts: {}, streams: {} };

function ownSets(layer: PolicyLayer | undefined, section: keyof PolicyLayer, key: string): boolean {
  return layer !== undefined && (layer[section] as Record<string, unknown>)[key] !== undefined;
}

/** A bound written as two keys of one section that must be in order, e.g. cooldown <= max_cooldown. */
const ORDERED_PAIRS = [
  { section: 'recovery', low: 'cooldownMs', high: 'maxCooldownMs', lowKey: 'cooldown', highKey: 'max_cooldown' },
  { section: 'retry', low: 'initialDelayMs', high: 'maxDelayMs', lowKey: 'initial_delay', highKey: 'max_delay' },
] as const;

/**
 * Applies the layers over {@link DEFAULT_POOL_POLICY}, later layers winning
 * key by key, and checks bounds that span two keys. A bound is only reported
 * when the last layer sets one of its keys, so a broken `defaults` section is
 * reported once (when checked alone) rather than once per pool.
 */
export function mergePolicy(layers: readonly PolicyLayer[], path: ConfigPath, issues: IssueCollector): Omit<PoolPolicy, 'strategy'> {
  const pick = <K extends keyof PolicyLayer>(key: K) => Object.assign({}, DEFAULT_POOL_POLICY[key], ...layers.map((layer) => layer[key]));
  const merged = {
    deactivation: pick('deactivation') as DeactivationPolicy,
    recovery: pick('recovery') as RecoveryPolicy,
    retry: pick('retry') as RetryPolicy,
    timeouts: pick('timeouts') as TimeoutPolicy,
    streams: pick('streams') as StreamPolicy,
  };
  merged.deactivation.errorCodes = [...merged.deactivation.errorCodes];
  const own = layers.at(-1);
  for (const pair of ORDERED_PAIRS) {
    const section = merged[pair.section] as unknown as Record<string, number>;
    const low = section[pair.low] ?? 0;
    const high = section[pair.high] ?? 0;
    if (low <= high) continue;
    const highSet = layers.some((layer) => ownSets(layer, pair.section, pair.high));
    // Raising only the first value (cooldown: 15m) should just work: the untouched bound follows it.
    if (!highSet) section[pair.high] = low;
    else if (ownSets(own, pair.section, pair.low) || ownSets(own, pair.section, pair.high)) {
      const message = `${pair.highKey} (${formatDuration(high)}) must not be shorter than ${pair.lowKey} (${formatDuration(low)})`;
      issues.error([...path, pair.section, pair.highKey], message);
    }
  }
  return merged;
}
