import { describe, expect, it } from 'vitest';
import { costFirstStrategy } from '../src/strategies/index.js';
import { candidate, context, Driver, keys, without } from './strategies-fixtures.js';

describe('cost-first', () => {
  it('puts the cheapest first, ties by index, unpriced last in pool order', () => {
    const candidates = [
      candidate('a', 0, { estimatedCost: 0.003 }),
      candidate('b', 1),
      candidate('c', 2, { estimatedCost: 0.001 }),
      candidate('d', 3, { estimatedCost: Number.NaN }),
      candidate('e', 4, { estimatedCost: 0.001 }),
    ];
    const selection = costFirstStrategy.select(candidates, context());
    expect(keys(selection)).toEqual(['c', 'e', 'a', 'b', 'd']);
    expect(selection.reason).toBe('c has the cheapest estimated cost $0.001');
    expect(selection.memory).toBeUndefined();
  });

  it('names the cost in a readable form', () => {
    const reason = (estimatedCost: number) =>
      costFirstStrategy.select([candidate('m', 0, { estimatedCost })], context()).reason;
    expect(reason(0.00042)).toBe('m has the cheapest estimated cost $0.00042');
    expect(reason(0.000000123456)).toBe('m has the cheapest estimated cost $0.000000123');
    expect(reason(0)).toBe('m has the cheapest estimated cost $0');
    expect(reason(12.345)).toBe('m has the cheapest estimated cost $12.35');
  });

  it('prefers a free model to an unpriced one', () => {
    const selection = costFirstStrategy.select([candidate('u', 0), candidate('free', 1, { estimatedCost: 0 })], context());
    expect(keys(selection)).toEqual(['free', 'u']);
  });

  it('falls back to pool order when nothing is priced, and says so', () => {
    const selection = costFirstStrategy.select([candidate('a', 0), candidate('b', 1)], context());
    expect(keys(selection)).toEqual(['a', 'b']);
    expect(selection.reason).toBe('a is first in pool order; no candidate has a price (cost-first)');
  });

  it('moves to the next cheapest when the cheapest is absent and back when it returns', () => {
    const candidates = [
      candidate('a', 0, { estimatedCost: 0.5 }),
      candidate('b', 1, { estimatedCost: 0.1 }),
      candidate('c', 2, { estimatedCost: 0.2 }),
    ];
    const driver = new Driver(costFirstStrategy);
    expect(driver.pick(candidates)).toBe('b');
    expect(driver.pick(without(candidates, 'b'))).toBe('c');
    expect(driver.pick(candidates)).toBe('b');
  });
});
