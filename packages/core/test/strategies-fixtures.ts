import { expect } from 'vitest';
import type { CandidateView, Selection, Strategy, StrategyContext, StrategyMemory } from '../src/strategies/index.js';

/** mulberry32: a tiny seeded PRNG so "random" tests are reproducible. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random source that returns `values` in turn and fails the test if asked for more. */
export function scripted(values: readonly number[]): (() => number) & { calls: () => number } {
  let next = 0;
  const source = () => {
    const value = values[next++];
    if (value === undefined) throw new Error(`random() called ${next} times; only ${values.length} values scripted`);
    return value;
  };
  return Object.assign(source, { calls: () => next });
}

/** A random source that must not be called. */
export const noRandom = () => {
  throw new Error('random() must not be called');
};

/** A candidate at pool position `index` with key `key` (model id = key, provider `p`). */
export function candidate(key: string, index: number, extra: Partial<CandidateView> = {}): CandidateView {
  return { key, modelId: key, providerId: 'p', index, priority: index, weight: 1, health: 'active', ...extra };
}

/** Candidates `a`, `b`, ... at indexes 0, 1, ... */
export function pool(...keys: string[]): CandidateView[] {
  return keys.map((key, index) => candidate(key, index));
}

/** Freezes an object graph so a strategy that mutates its input memory throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The invariants of every selection: a permutation of the input, JSON-safe memory. */
export function expectValidSelection(input: readonly CandidateView[], selection: Selection): void {
  expect(selection.order).toHaveLength(input.length);
  expect(new Set(selection.order).size).toBe(input.length);
  for (const item of selection.order) expect(input).toContain(item);
  expect(typeof selection.reason).toBe('string');
  expect(selection.reason.length).toBeGreaterThan(0);
  if (selection.memory !== undefined) {
    expect(JSON.parse(JSON.stringify(selection.memory))).toStrictEqual(selection.memory);
  }
}

/**
 * Drives one strategy through a sequence of requests, carrying memory from call to call as the
 * router would, and checking the invariants on every call.
 */
export class Driver {
  memory: StrategyMemory = {};
  now = 1_000_000;
  last: Selection | undefined;

  constructor(
    readonly strategy: Strategy,
    readonly base: Partial<StrategyContext> = {},
  ) {}

  /** One request; returns the selection. */
  select(candidates: readonly CandidateView[], overrides: Partial<StrategyContext> = {}): Selection {
    const context: StrategyContext = {
      poolName: 'chat',
      options: {},
      stream: false,
      now: this.now,
      random: noRandom,
      ...this.base,
      ...overrides,
      memory: deepFreeze(structuredClone(this.memory)),
    };
    const frozen = deepFreeze(candidates.map((item) => ({ ...item })));
    const selection = this.strategy.select(frozen, context);
    expectValidSelection(frozen, selection);
    if (selection.memory !== undefined) this.memory = selection.memory;
    this.last = selection;
    return selection;
  }

  /** One request; returns the key of the pick. */
  pick(candidates: readonly CandidateView[], overrides: Partial<StrategyContext> = {}): string {
    return this.select(candidates, overrides).order[0]?.key ?? '<none>';
  }

  /** Keys of the full order of one request. */
  order(candidates: readonly CandidateView[], overrides: Partial<StrategyContext> = {}): string[] {
    return this.select(candidates, overrides).order.map((item) => item.key);
  }
}

/** A context for one-off calls. */
export function context(overrides: Partial<StrategyContext> = {}): StrategyContext {
  return { poolName: 'chat', options: {}, stream: false, now: 0, random: noRandom, memory: {}, ...overrides };
}

/** Keys of a selection's order. */
export function keys(selection: Selection): string[] {
  return selection.order.map((item) => item.key);
}

/** `all` without the keys in `absent`. */
export function without(all: readonly CandidateView[], ...absent: string[]): CandidateView[] {
  return all.filter((item) => !absent.includes(item.key));
}
