import { describe, expect, it } from 'vitest';
import { stickUntilFailureStrategy } from '../src/strategies/index.js';
import { candidate, context, Driver, keys, pool, without } from './strategies-fixtures.js';

const abc = pool('a', 'b', 'c');
const abcd = pool('a', 'b', 'c', 'd');

describe('stick-until-failure', () => {
  it('keeps the current model, moves on only when it is absent, and never jumps back', () => {
    const driver = new Driver(stickUntilFailureStrategy);
    expect(driver.pick(abc)).toBe('a');
    expect(driver.last?.reason).toBe('a is the first model in pool order (stick-until-failure)');
    expect(driver.pick(abc)).toBe('a');
    expect(driver.last?.reason).toBe('a is the current model (stick-until-failure)');
    expect(driver.pick(without(abc, 'a'))).toBe('b');
    expect(driver.last?.reason).toBe('b takes over from a, which is unavailable (stick-until-failure)');
    expect(driver.pick(abc)).toBe('b'); // a recovered: no jump back
    expect(driver.pick(without(abc, 'b'))).toBe('c');
    expect(driver.pick(abc)).toBe('c');
    expect(driver.pick(without(abc, 'c'))).toBe('a'); // wraps around
    expect(driver.pick(abc)).toBe('a');
  });

  it('orders the rest in pool order after the pick, wrapping', () => {
    const driver = new Driver(stickUntilFailureStrategy);
    expect(driver.order(abcd)).toEqual(['a', 'b', 'c', 'd']);
    driver.pick(without(abcd, 'a', 'b')); // -> c
    expect(driver.order(abcd)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('skips every absent model after the current one', () => {
    const driver = new Driver(stickUntilFailureStrategy);
    driver.pick(abcd);
    expect(driver.pick(without(abcd, 'a', 'b', 'c'))).toBe('d');
    expect(driver.pick(without(abcd, 'd', 'a'))).toBe('b');
  });

  it('stores the current key and index, and returns memory only when it changes', () => {
    const driver = new Driver(stickUntilFailureStrategy);
    expect(driver.select(abc).memory).toEqual({ current: 'a', index: 0 });
    expect(driver.select(abc).memory).toBeUndefined();
    expect(driver.select(without(abc, 'a')).memory).toEqual({ current: 'b', index: 1 });
    expect(driver.select(abc).memory).toBeUndefined();
  });

  it('works from memory alone (another process with the same memory picks the same)', () => {
    const selection = stickUntilFailureStrategy.select(abcd, context({ memory: { current: 'b', index: 1 } }));
    expect(keys(selection)).toEqual(['b', 'c', 'd', 'a']);
    const moved = stickUntilFailureStrategy.select(without(abcd, 'b'), context({ memory: { current: 'b', index: 1 } }));
    expect(keys(moved)).toEqual(['c', 'd', 'a']);
  });

  it('treats malformed or foreign memory as a first call', () => {
    for (const memory of [{ current: 5 }, { current: 'zzz' }, { currentWeights: { a: 1 } }, { current: ['a'] }]) {
      const selection = stickUntilFailureStrategy.select(without(abcd, 'a'), context({ memory }));
      expect(keys(selection)[0]).toBe('b');
    }
  });

  it('relies on index, not on the order the candidates arrive in', () => {
    const shuffled = [candidate('c', 2), candidate('a', 0), candidate('b', 1)];
    const selection = stickUntilFailureStrategy.select(shuffled, context({ memory: { current: 'a', index: 0 } }));
    expect(keys(selection)).toEqual(['a', 'b', 'c']);
  });
});
