import type { HealthPolicy } from '../health/health-types.js';
import type { ModelFeatures, ModelPricing, QuotaLimits, Provider } from '@modelmesh/provider';
import { type PoolPolicy as ConfigPoolPolicy, type RetryPolicy, type HedgePolicy, type StreamRecoveryMode, type TimeoutPolicy } from '../config/pool-policy.js';

/** A model as the router knows it: its spec, resolved capabilities and provider. */
export interface MeshModel {
  /** Unique key in the mesh (config `models.<key>`). */
  readonly key: string;
  /** The real model id sent to the provider. */
  readonly modelId: string;
  readonly providerId: string;
  readonly connector: string;
  /** Canonical capability paths. */
  readonly capabilities: readonly string[];
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly features: ModelFeatures;
  readonly pricing?: ModelPricing;
  readonly limits?: QuotaLimits;
  /** Quotas of the model's provider (shared by all its models). */
  readonly providerLimits?: QuotaLimits;
  readonly priority?: number;
  readonly weight?: number;
  readonly provider: Provider;
}

/** Everything a pool decides about failures, in the router's terms. */
export interface PoolPolicy {
  readonly health: HealthPolicy;
  readonly retry: RetryPolicy;
  readonly timeouts: TimeoutPolicy;
  /** When every candidate is in standby, wait for the earliest recovery if it falls within the deadline. */
  readonly waitForRecovery: boolean;
  /** Background probes of the pool's models: every `intervalMs` for models in standby, and once at start. */
  readonly probe: { readonly intervalMs?: number; readonly onStart: boolean };
  /** A model out of its quota returns when the quota window resets (false: only when reactivated). */
  readonly onQuotaReset: boolean;
  /** A stream broken after content: continue on the next model (prefill), restart there, or end with an error. */
  readonly streamRecovery: StreamRecoveryMode;
  /** Hedging: a second attempt in parallel after `afterMs` without content; off when absent. */
  readonly hedge?: HedgePolicy;
}

/** A pool: the virtual model a request names. */
export interface PoolDefinition {
  readonly name: string;
  /** Canonical capability node whose models join the pool. */
  readonly capability?: string;
  /** Explicit member keys, tried in this order before capability members. */
  readonly models?: readonly string[];
  readonly providers?: readonly string[];
  readonly excludedProviders?: readonly string[];
  readonly strategy: { readonly name: string; readonly options: Readonly<Record<string, unknown>> };
  readonly policy: PoolPolicy;
}

/** Turns a pool's configured policies into the router's. */
export function toPoolPolicy(config: Pick<ConfigPoolPolicy, 'deactivation' | 'recovery' | 'retry' | 'timeouts' | 'streams'>): PoolPolicy {
  const { deactivation: d, recovery: r } = config;
  return {
    health: {
      failureThreshold: d.failureThreshold,
      errorRateThreshold: d.errorRateThreshold,
      errorRateWindow: d.errorRateWindowMs,
      errorRateMinRequests: d.errorRateMinRequests,
      onRateLimit: d.onRateLimit,
      onAuthFailure: d.onAuthFailure,
      errorCodes: d.errorCodes,
      cooldown: r.cooldownMs,
      maxCooldown: r.maxCooldownMs,
      backoffMultiplier: r.backoffMultiplier,
      jitter: r.jitter,
      halfOpen: r.halfOpen,
    },
    retry: config.retry,
    timeouts: config.timeouts,
    waitForRecovery: r.waitForRecovery,
    probe: r.probeIntervalMs === undefined ? { onStart: r.probeOnStart } : { intervalMs: r.probeIntervalMs, onStart: r.probeOnStart },
    onQuotaReset: r.onQuotaReset,
    streamRecovery: config.streams.recovery,
    ...(config.streams.hedge ? { hedge: config.streams.hedge } : {}),
  };
}
