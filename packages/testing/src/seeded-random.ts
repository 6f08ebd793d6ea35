import type { RandomSource } from '@modelmesh/core';

/**
 * A reproducible random source (mulberry32): the same seed always gives the same
 * sequence of numbers in [0, 1). Pass it as `random` to `createMesh` or `mockClient` so
 * strategies, jitter and failure rates behave the same on every run.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * const mesh = createMesh({ providers, random });
 * ```
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
