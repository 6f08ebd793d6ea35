/**
 * Strategies: how a pool orders its eligible candidates. See {@link Strategy} for the contract
 * and each built-in's documentation for its exact semantics and options.
 */
export type {
  CandidateView,
  LatencyStats,
  Selection,
  Strategy,
  StrategyContext,
  StrategyMemory,
} from './strategy.js';
export { StrategyRegistry, createStrategyRegistry } from './strategy-registry.js';
export { BUILT_IN_STRATEGY_NAMES, DEFAULT_STRATEGY_NAME } from './built-in-strategies.js';
export { stickUntilFailureStrategy } from './stick-until-failure-strategy.js';
export { priorityStrategy } from './priority-strategy.js';
export { roundRobinStrategy } from './round-robin-strategy.js';
export { weightedStrategy } from './weighted-strategy.js';
export { costFirstStrategy } from './cost-first-strategy.js';
export { latencyFirstStrategy } from './latency-first-strategy.js';
export { rateLimitAwareStrategy } from './rate-limit-aware-strategy.js';
export { sessionStickyStrategy } from './session-sticky-strategy.js';
