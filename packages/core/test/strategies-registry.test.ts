import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_STRATEGY_NAMES,
  DEFAULT_STRATEGY_NAME,
  StrategyRegistry,
  costFirstStrategy,
  createStrategyRegistry,
  latencyFirstStrategy,
  priorityStrategy,
  rateLimitAwareStrategy,
  roundRobinStrategy,
  sessionStickyStrategy,
  stickUntilFailureStrategy,
  weightedStrategy,
} from '../src/strategies/index.js';
import type { Strategy } from '../src/strategies/index.js';
import { context, keys, pool } from './strategies-fixtures.js';

const reverse: Strategy = {
  name: 'reverse',
  select: (candidates) => ({ order: [...candidates].reverse(), reason: 'last model first' }),
};

describe('StrategyRegistry', () => {
  it('comes pre-filled with the eight built-ins, in order', () => {
    const registry = createStrategyRegistry();
    expect(registry.names()).toEqual([...BUILT_IN_STRATEGY_NAMES]);
    expect(BUILT_IN_STRATEGY_NAMES).toHaveLength(8);
    const consts = [
      stickUntilFailureStrategy,
      priorityStrategy,
      roundRobinStrategy,
      weightedStrategy,
      costFirstStrategy,
      latencyFirstStrategy,
      rateLimitAwareStrategy,
      sessionStickyStrategy,
    ];
    consts.forEach((strategy, position) => {
      expect(strategy.name).toBe(BUILT_IN_STRATEGY_NAMES[position]);
      expect(registry.get(strategy.name)).toBe(strategy);
    });
    expect(registry.get(DEFAULT_STRATEGY_NAME)).toBe(stickUntilFailureStrategy);
  });

  it('registers a custom strategy by name', () => {
    const registry = createStrategyRegistry().register(reverse);
    expect(registry.get('reverse')).toBe(reverse);
    expect(registry.has('reverse')).toBe(true);
    expect(registry.names().at(-1)).toBe('reverse');
    expect(keys(registry.get('reverse')!.select(pool('a', 'b'), context()))).toEqual(['b', 'a']);
  });

  it('replaces a built-in re-registered under its name, keeping its place', () => {
    const registry = createStrategyRegistry();
    const custom: Strategy = { ...reverse, name: 'round-robin' };
    registry.register(custom);
    expect(registry.get('round-robin')).toBe(custom);
    expect(registry.names()).toEqual([...BUILT_IN_STRATEGY_NAMES]);
    expect(createStrategyRegistry().get('round-robin')).toBe(roundRobinStrategy); // registries are independent
  });

  it('answers undefined for unknown names and matches names exactly', () => {
    const registry = createStrategyRegistry();
    expect(registry.get('fastest')).toBeUndefined();
    expect(registry.get('Round-Robin')).toBeUndefined();
    expect(registry.has('fastest')).toBe(false);
    expect(new StrategyRegistry().names()).toEqual([]);
  });

  it('rejects a strategy without a name or a select function', () => {
    const registry = new StrategyRegistry();
    expect(() => registry.register({ ...reverse, name: ' ' })).toThrow(TypeError);
    expect(() => registry.register({ name: 'x' } as unknown as Strategy)).toThrow(/needs a select/);
    expect(registry.names()).toEqual([]);
  });
});
