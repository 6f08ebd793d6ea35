import { describe, expect, it } from 'vitest';
import { rateLimitAwareStrategy } from '../src/strategies/index.js';
import { candidate, context, Driver, keys } from './strategies-fixtures.js';

const withHeadroom = (...headrooms: (number | undefined)[]) =>
  headrooms.map((headroom, index) =>
    candidate(String.fromCharCode(97 + index), index, headroom === undefined ? {} : { headroom }),
  );

describe('rate-limit-aware', () => {
  it('sticks to the first model while it has room, switches at 20% and returns when the window resets', () => {
    const driver = new Driver(rateLimitAwareStrategy);
    expect(driver.pick(withHeadroom(0.9, 0.9, 0.9))).toBe('a');
    expect(driver.pick(withHeadroom(0.25, 0.9, 0.9))).toBe('a');
    expect(driver.last?.reason).toBe('a has 25% headroom (switches at 20% or less)');
    expect(driver.pick(withHeadroom(0.2, 0.9, 0.9))).toBe('b'); // exactly at the switch point
    expect(driver.order(withHeadroom(0.15, 0.5, 0.9))).toEqual(['b', 'c', 'a']);
    expect(driver.pick(withHeadroom(1, 0.5, 0.9))).toBe('a'); // window reset
    expect(driver.memory).toEqual({});
  });

  it('counts unknown headroom as room', () => {
    const selection = rateLimitAwareStrategy.select(withHeadroom(0.1, undefined, 0.6), context());
    expect(keys(selection)).toEqual(['b', 'c', 'a']);
    expect(selection.reason).toBe('b has unknown headroom; first in pool order not known to be near its limit');
  });

  it('orders the low group by headroom descending, ties by index', () => {
    const selection = rateLimitAwareStrategy.select(withHeadroom(0.1, 0.05, 0.15, 0.1), context());
    expect(keys(selection)).toEqual(['c', 'a', 'd', 'b']);
    expect(selection.reason).toBe('c has the most headroom, 15%; every candidate is at or below 20%');
  });

  it('reads threshold, or the config alias rateLimit.threshold', () => {
    for (const options of [{ threshold: 0.5 }, { rateLimit: { threshold: 0.5 } }]) {
      const selection = rateLimitAwareStrategy.select(withHeadroom(0.45, 0.6), context({ options }));
      expect(keys(selection)).toEqual(['b', 'a']);
    }
    expect(keys(rateLimitAwareStrategy.select(withHeadroom(0.45, 0.6), context()))).toEqual(['a', 'b']);
  });

  it('with threshold 1 only an empty window switches', () => {
    const options = { threshold: 1 };
    expect(keys(rateLimitAwareStrategy.select(withHeadroom(0.01, 0.5), context({ options })))).toEqual(['a', 'b']);
    expect(keys(rateLimitAwareStrategy.select(withHeadroom(0, 0.5), context({ options })))).toEqual(['b', 'a']);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => rateLimitAwareStrategy.select(withHeadroom(1), context({ options: { threshold: 0 } }))).toThrow(
      /threshold" must be a number > 0 and <= 1; got 0/,
    );
  });
});
