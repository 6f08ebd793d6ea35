import { describe, expect, it } from 'vitest';
import { BUILT_IN_STRATEGY_NAMES, createStrategyRegistry } from '../src/strategies/index.js';
import type { CandidateView } from '../src/strategies/index.js';
import { candidate, context, Driver, keys, mulberry32 } from './strategies-fixtures.js';

const POOL_SIZE = 8;

/** A random non-empty subset of a fixed pool, with random attributes (some missing). */
function randomCandidates(random: () => number): CandidateView[] {
  const chosen = Array.from({ length: POOL_SIZE }, (_, index) => index).filter(() => random() < 0.6);
  const indexes = chosen.length > 0 ? chosen : [Math.floor(random() * POOL_SIZE)];
  const maybe = <T>(value: T): T | undefined => (random() < 0.25 ? undefined : value);
  return indexes.map((index) => {
    const latency = maybe({
      ewmaMs: Math.round(random() * 2000),
      samples: Math.floor(random() * 4),
      ...(random() < 0.5 ? { ttftEwmaMs: Math.round(random() * 500) } : {}),
    });
    const estimatedCost = maybe(Math.round(random() * 1000) / 1e6);
    const headroom = maybe(Math.round(random() * 100) / 100);
    return candidate(`m${index}`, index, {
      providerId: `p${index % 3}`,
      priority: Math.floor(random() * 3),
      weight: 1 + Math.floor(random() * 4),
      health: random() < 0.2 ? 'half-open' : 'active',
      ...(latency === undefined ? {} : { latency }),
      ...(estimatedCost === undefined ? {} : { estimatedCost }),
      ...(headroom === undefined ? {} : { headroom }),
    });
  });
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe.each(BUILT_IN_STRATEGY_NAMES)('%s properties', (name) => {
  const strategy = createStrategyRegistry().get(name)!;

  it('returns a permutation of its input and JSON-safe memory over 300 random requests', () => {
    // Driver checks both on every call, and feeds memory forward as the router does.
    const random = mulberry32(name.length * 7919);
    const driver = new Driver(strategy, { random });
    for (let call = 0; call < 300; call++) {
      driver.now += Math.floor(random() * 10 * 60_000);
      const sessionId = random() < 0.2 ? undefined : `session-${Math.floor(random() * 12)}`;
      driver.select(randomCandidates(random), { stream: random() < 0.5, ...(sessionId === undefined ? {} : { sessionId }) });
    }
  });

  it('does not depend on the order candidates arrive in', () => {
    const random = mulberry32(99);
    for (let trial = 0; trial < 100; trial++) {
      const candidates = randomCandidates(random);
      const memory = new Driver(strategy, { sessionId: 'x', options: { explorationRate: 0 } });
      memory.select(candidates); // some memory to start from
      const base = { memory: memory.memory, sessionId: 'x', options: { explorationRate: 0 }, now: memory.now };
      const inOrder = strategy.select(candidates, context(base));
      const shuffled = strategy.select(shuffle(candidates, random), context(base));
      expect(keys(shuffled)).toEqual(keys(inOrder));
      expect(shuffled.memory).toEqual(inOrder.memory);
    }
  });
});

it('memory survives a JSON round trip between calls (as if stored in Redis)', () => {
  const random = mulberry32(5);
  for (const name of BUILT_IN_STRATEGY_NAMES) {
    const strategy = createStrategyRegistry().get(name)!;
    const live = new Driver(strategy, { random: mulberry32(1) });
    const stored = new Driver(strategy, { random: mulberry32(1) });
    for (let call = 0; call < 50; call++) {
      const candidates = randomCandidates(random);
      const sessionId = `s${call % 5}`;
      expect(keys(stored.select(candidates, { sessionId }))).toEqual(keys(live.select(candidates, { sessionId })));
      stored.memory = JSON.parse(JSON.stringify(stored.memory)) as typeof stored.memory;
    }
  }
});
