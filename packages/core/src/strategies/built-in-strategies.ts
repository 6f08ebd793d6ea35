import { costFirstStrategy } from './cost-first-strategy.js';
import { latencyFirstStrategy } from './latency-first-strategy.js';
import { priorityStrategy } from './priority-strategy.js';
import { rateLimitAwareStrategy } from './rate-limit-aware-strategy.js';
import { roundRobinStrategy } from './round-robin-strategy.js';
import { sessionStickyStrategy } from './session-sticky-strategy.js';
import { stickUntilFailureStrategy } from './stick-until-failure-strategy.js';
import type { Strategy } from './strategy.js';
import { weightedStrategy } from './weighted-strategy.js';

/** Names of the built-in strategies, in the order {@link StrategyRegistry.names} lists them. */
export const BUILT_IN_STRATEGY_NAMES = [
  'stick-until-failure',
  'priority',
  'round-robin',
  'weighted',
  'cost-first',
  'latency-first',
  'rate-limit-aware',
  'session-sticky',
] as const;

/** Name of a built-in strategy. */
export type BuiltInStrategyName = (typeof BUILT_IN_STRATEGY_NAMES)[number];

/** The strategy a pool uses when its config names none. */
export const DEFAULT_STRATEGY_NAME: BuiltInStrategyName = 'stick-until-failure';

/** The built-in strategies, in {@link BUILT_IN_STRATEGY_NAMES} order. Internal: use {@link createStrategyRegistry}. */
export const builtInStrategies: readonly Strategy[] = [
  stickUntilFailureStrategy,
  priorityStrategy,
  roundRobinStrategy,
  weightedStrategy,
  costFirstStrategy,
  latencyFirstStrategy,
  rateLimitAwareStrategy,
  sessionStickyStrategy,
];
