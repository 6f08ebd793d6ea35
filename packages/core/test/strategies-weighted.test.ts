import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@modelmesh/provider';
import { weightedStrategy } from '../src/strategies/index.js';
import type { CandidateView } from '../src/strategies/index.js';
import { candidate, context, Driver, keys, mulberry32, without } from './strategies-fixtures.js';

const weighted = (weights: Record<string, number>): CandidateView[] =>
  Object.entries(weights).map(([key, weight], index) => candidate(key, index, { weight }));

function count(picks: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of picks) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

describe('weighted', () => {
  it('produces the classic nginx smooth sequence for 5:1:1', () => {
    const driver = new Driver(weightedStrategy);
    const candidates = weighted({ a: 5, b: 1, c: 1 });
    const picks = Array.from({ length: 7 }, () => driver.pick(candidates));
    expect(picks.join(' ')).toBe('a a b a c a a');
    expect(driver.memory).toEqual({ currentWeights: { a: 0, b: 0, c: 0 } });
  });

  it('picks exactly in proportion over 10 cycles of 5:1:1', () => {
    const driver = new Driver(weightedStrategy);
    const candidates = weighted({ a: 5, b: 1, c: 1 });
    const picks = Array.from({ length: 70 }, () => driver.pick(candidates));
    expect(count(picks)).toEqual({ a: 50, b: 10, c: 10 });
    // The state returns to zero after each cycle, so every cycle is the same smooth sequence.
    expect(picks.join('')).toBe('aabacaa'.repeat(10));
  });

  it('is exactly proportional for arbitrary integer weights', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      const weights = Object.fromEntries(['a', 'b', 'c', 'd'].map((key) => [key, 1 + Math.floor(random() * 6)]));
      const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
      const driver = new Driver(weightedStrategy);
      const candidates = weighted(weights);
      const picks = Array.from({ length: 3 * total }, () => driver.pick(candidates));
      expect(count(picks)).toEqual(Object.fromEntries(Object.entries(weights).map(([key, weight]) => [key, 3 * weight])));
    }
  });

  it('reads option weights (or the config alias modelWeights) over candidate.weight', () => {
    for (const options of [{ weights: { c: 3 } }, { modelWeights: { c: 3 } }]) {
      const driver = new Driver(weightedStrategy, { options });
      const candidates = weighted({ a: 1, b: 1, c: 1 });
      const picks = Array.from({ length: 5 }, () => driver.pick(candidates));
      expect(count(picks)).toEqual({ a: 1, b: 1, c: 3 });
    }
  });

  it('drops an absent model from memory so it returns fresh', () => {
    const driver = new Driver(weightedStrategy);
    const candidates = weighted({ a: 1, b: 3 });
    expect(driver.pick(candidates)).toBe('b'); // a=1, b=-1
    expect(driver.memory).toEqual({ currentWeights: { a: 1, b: -1 } });
    expect(driver.pick(without(candidates, 'a'))).toBe('b');
    expect(driver.memory).toEqual({ currentWeights: { b: -1 } });
    // a restarts at 0 (not at its old credit of 1): a=1, b=2 -> b.
    expect(driver.pick(candidates)).toBe('b');
    expect(driver.memory).toEqual({ currentWeights: { a: 1, b: -2 } });
  });

  it('orders the rest by weight descending, then index', () => {
    const selection = weightedStrategy.select(weighted({ a: 1, b: 2, c: 5, d: 2 }), context());
    expect(keys(selection)).toEqual(['c', 'b', 'd', 'a']);
    expect(selection.reason).toBe('c is next in weighted rotation (weight 5 of 10)');
  });

  it('never picks weight 0 while a positive weight is present; all-zero is plain rotation', () => {
    const driver = new Driver(weightedStrategy, { options: { weights: { a: 0 } } });
    const candidates = weighted({ a: 1, b: 1 });
    expect(Array.from({ length: 4 }, () => driver.pick(candidates))).toEqual(['b', 'b', 'b', 'b']);
    expect(driver.order(candidates)).toEqual(['b', 'a']);
    expect(driver.memory).toEqual({ currentWeights: { b: 0 } });
    const zeros = new Driver(weightedStrategy, { options: { weights: { a: 0, b: 0, c: 0 } } });
    const all = weighted({ a: 1, b: 1, c: 1 });
    expect(Array.from({ length: 6 }, () => zeros.pick(all))).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('rejects negative weights', () => {
    expect(() => weightedStrategy.select(weighted({ a: 1 }), context({ options: { weights: { a: -1 } } }))).toThrow(
      ConfigurationError,
    );
  });
});
