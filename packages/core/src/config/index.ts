export { loadConfig, type LoadConfigOptions } from './load-config.js';
export type { SecretsOption } from './secret-sources.js';
export { configJsonSchema } from './json-schema.js';
export type { ConfigCapabilityRegistry } from './resolve-context.js';
export type {
  BudgetAction,
  BudgetConfig,
  BudgetPeriod,
  BudgetScope,
  LogLevel,
  MeshConfig,
  MiddlewareConfig,
  ModelConfig,
  ObservabilityConfig,
  PoolConfig,
  ProviderConfig,
  ProxyConfig,
  ProxyKeyConfig,
  AdminKeyConfig,
  ProxyLimits,
  SecretsConfig,
  StateConfig,
} from './mesh-config.js';
export {
  BUILT_IN_STRATEGIES,
  DEFAULT_POOL_POLICY,
  type BuiltInStrategyName,
  type DeactivationPolicy,
  type PoolPolicy,
  type RateLimitStrategyOptions,
  type RecoveryPolicy,
  type RetryBackoff,
  type RetryPolicy,
  type StrategyConfig,
  type StrategyOptions,
  type HedgePolicy,
  type StreamPolicy,
  type StreamRecoveryMode,
  type TimeoutPolicy,
} from './pool-policy.js';
export type {
  BudgetDocument,
  BudgetLimitDocument,
  MeshConfigDocument,
  ModelDocument,
  ModelFeaturesDocument,
  OriginalBudgetDocument,
  ProviderConnectionDocument,
  ProviderDocument,
  ProxyDocument,
  ProxyKeyDocument,
  AdminKeyDocument,
  QuotaLimitsDocument,
  SecretStoreName,
} from './mesh-config-document.js';
export type {
  DeactivationDocument,
  DurationInput,
  PolicyDocument,
  PoolDocument,
  RecoveryDocument,
  RetryDocument,
  StrategyDocument,
  StrategyOptionsDocument,
  TimeoutsDocument,
} from './pool-document.js';
export { parseDuration } from './duration.js';
export { BUILT_IN_MIDDLEWARE } from './resolve-middleware.js';
