import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@modelmesh/provider';
import { latencyFirstStrategy } from '../src/strategies/index.js';
import type { LatencyStats } from '../src/strategies/index.js';
import { candidate, context, Driver, keys, mulberry32, scripted } from './strategies-fixtures.js';

const timed = (key: string, index: number, latency?: LatencyStats) =>
  latency === undefined ? candidate(key, index) : candidate(key, index, { latency });
const noExploration = { explorationRate: 0 };

describe('latency-first', () => {
  it('explores untried models first in pool order, then the fastest', () => {
    const candidates = [
      timed('a', 0, { ewmaMs: 500, samples: 10 }),
      timed('b', 1),
      timed('c', 2, { ewmaMs: 100, samples: 0 }),
      timed('d', 3, { ewmaMs: 300, samples: 4 }),
    ];
    const selection = latencyFirstStrategy.select(candidates, context({ options: noExploration }));
    expect(keys(selection)).toEqual(['b', 'c', 'd', 'a']);
    expect(selection.reason).toBe('b is untried (no latency data yet); untried models go first');
    expect(selection.memory).toBeUndefined();
  });

  it('treats models under minSamples as untried', () => {
    const candidates = [timed('a', 0, { ewmaMs: 900, samples: 3 }), timed('b', 1, { ewmaMs: 100, samples: 2 })];
    const selection = latencyFirstStrategy.select(candidates, context({ options: { ...noExploration, minSamples: 3 } }));
    expect(keys(selection)).toEqual(['b', 'a']);
    expect(selection.reason).toBe('b is untried (2 of 3 samples); untried models go first');
    const single = [timed('a', 0, { ewmaMs: 900, samples: 1 }), timed('b', 1, { ewmaMs: 100, samples: 1 })];
    const once = latencyFirstStrategy.select(single, context({ options: noExploration }));
    expect(keys(once)).toEqual(['b', 'a']); // the default minSamples 1: one sample is enough
    expect(once.reason).toBe('b has the lowest latency, 100ms');
  });

  it('ranks streams by time to first token, falling back to the whole-request EWMA', () => {
    const candidates = [
      timed('a', 0, { ewmaMs: 2000, ttftEwmaMs: 150, samples: 5 }),
      timed('b', 1, { ewmaMs: 800, ttftEwmaMs: 400, samples: 5 }),
      timed('c', 2, { ewmaMs: 300, samples: 5 }),
    ];
    const streaming = latencyFirstStrategy.select(candidates, context({ stream: true, options: noExploration }));
    expect(keys(streaming)).toEqual(['a', 'c', 'b']);
    expect(streaming.reason).toBe('a has the lowest time to first token, 150ms');
    const blocking = latencyFirstStrategy.select(candidates, context({ stream: false, options: noExploration }));
    expect(keys(blocking)).toEqual(['c', 'b', 'a']);
  });

  it('follows the measurements as they change', () => {
    const driver = new Driver(latencyFirstStrategy, { options: noExploration });
    const at = (a: number, b: number) => [timed('a', 0, { ewmaMs: a, samples: 5 }), timed('b', 1, { ewmaMs: b, samples: 5 })];
    expect(driver.pick(at(100, 200))).toBe('a');
    expect(driver.pick(at(300, 200))).toBe('b');
    expect(driver.pick(at(300, 300))).toBe('a'); // tie -> index
  });

  describe('exploration', () => {
    const candidates = [
      timed('a', 0, { ewmaMs: 100, samples: 5 }),
      timed('b', 1, { ewmaMs: 200, samples: 5 }),
      timed('c', 2, { ewmaMs: 300, samples: 5 }),
    ];

    it('picks uniformly at random with probability explorationRate (default 0.05)', () => {
      const random = scripted([0.04, 0.99]);
      const selection = latencyFirstStrategy.select(candidates, context({ random }));
      expect(keys(selection)).toEqual(['c', 'a', 'b']);
      expect(selection.reason).toBe('c picked at random to explore (explorationRate 0.05)');
      expect(random.calls()).toBe(2);
    });

    it('draws once and keeps the latency order when the draw is at or above the rate', () => {
      const random = scripted([0.05]);
      expect(keys(latencyFirstStrategy.select(candidates, context({ random })))).toEqual(['a', 'b', 'c']);
      expect(random.calls()).toBe(1);
    });

    it('maps the second draw onto the candidates', () => {
      const pickFor = (draw: number) =>
        keys(latencyFirstStrategy.select(candidates, context({ random: scripted([0, draw]), options: { explorationRate: 0.5 } })))[0];
      expect([0, 0.33, 0.34, 0.66, 0.67, 0.999999].map(pickFor)).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
      expect(pickFor(1)).toBe('c'); // a source returning 1 must not index past the end
    });

    it('explores at about the configured rate with a seeded generator', () => {
      const random = mulberry32(42);
      let notBest = 0;
      for (let i = 0; i < 10_000; i++) {
        const selection = latencyFirstStrategy.select(candidates, context({ random, options: { explorationRate: 0.3 } }));
        if (keys(selection)[0] !== 'a') notBest++;
      }
      // 0.3 exploration x 2/3 chance of a non-best pick = 20%.
      expect(notBest / 10_000).toBeGreaterThan(0.18);
      expect(notBest / 10_000).toBeLessThan(0.22);
    });

    it('does not draw for a single candidate or a zero rate', () => {
      // context() defaults to a random source that throws when called.
      expect(keys(latencyFirstStrategy.select([candidates[0]!], context()))).toEqual(['a']);
      expect(keys(latencyFirstStrategy.select(candidates, context({ options: noExploration })))).toEqual(['a', 'b', 'c']);
    });

    it('rejects a rate outside 0..1', () => {
      expect(() => latencyFirstStrategy.select(candidates, context({ options: { explorationRate: 1.5 } }))).toThrow(
        ConfigurationError,
      );
      expect(() => latencyFirstStrategy.select(candidates, context({ options: { minSamples: 0.5 } }))).toThrow(
        /minSamples" must be an integer >= 0/,
      );
    });
  });
});
