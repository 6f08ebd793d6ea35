import { describe, expect, it } from 'vitest';
import { roundRobinStrategy } from '../src/strategies/index.js';
import { context, Driver, keys, pool, without } from './strategies-fixtures.js';

const abcd = pool('a', 'b', 'c', 'd');

describe('round-robin', () => {
  it('cycles in pool order, skipping an absent model, over 7 calls', () => {
    const driver = new Driver(roundRobinStrategy);
    const picks = Array.from({ length: 7 }, () => driver.pick(without(abcd, 'b')));
    expect(picks).toEqual(['a', 'c', 'd', 'a', 'c', 'd', 'a']);
  });

  it('keeps whose turn it is when a model leaves and returns', () => {
    const driver = new Driver(roundRobinStrategy);
    expect(driver.pick(abcd)).toBe('a');
    expect(driver.pick(without(abcd, 'b'))).toBe('c');
    expect(driver.pick(abcd)).toBe('d'); // b is back but its turn has passed
    expect(driver.pick(abcd)).toBe('a');
    expect(driver.pick(abcd)).toBe('b');
  });

  it('orders from the pick onwards, wrapping', () => {
    const driver = new Driver(roundRobinStrategy);
    driver.pick(abcd);
    driver.pick(abcd);
    expect(driver.order(abcd)).toEqual(['c', 'd', 'a', 'b']);
    expect(driver.last?.reason).toBe('c is next in round-robin (pool position 2)');
  });

  it('keeps the cursor as the index after the last pick', () => {
    const driver = new Driver(roundRobinStrategy);
    driver.pick(abcd);
    expect(driver.memory).toEqual({ cursor: 1 });
    driver.pick(without(abcd, 'b', 'c'));
    expect(driver.memory).toEqual({ cursor: 4 });
    expect(driver.pick(abcd)).toBe('a');
  });

  it('wraps when the cursor is past every present index', () => {
    expect(keys(roundRobinStrategy.select(pool('a', 'b'), context({ memory: { cursor: 9 } })))).toEqual(['a', 'b']);
  });
});
