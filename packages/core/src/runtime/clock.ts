import { onAbort, type AbortSource } from './abort-link.js';
import { TimerLists } from './timer-lists.js';
/** Opaque timer handle. */
export type TimerHandle = unknown;

/**
 * Time source and timers. Core never reads `Date.now()` or calls `setTimeout` directly,
 * so tests drive time with a {@link ManualClock}.
 */
export interface Clock {
  /** Milliseconds since epoch. */
  now(): number;
  /** Schedules `callback` after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer. */
  clearTimeout(handle: TimerHandle): void;
}

const systemTimers = new TimerLists();

/**
 * The real clock. A pending timer keeps the process alive, as `setTimeout` does (a script
 * whose request sleeps before a retry must not exit). Timers are grouped by duration on
 * shared platform timers (`runtime/timer-lists.ts`): requests set and cancel several long
 * timeouts each, which is cheaper that way.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => systemTimers.set(callback, ms),
  clearTimeout: (handle) => systemTimers.clear(handle),
};

/** Source of uniform random numbers in [0, 1). Injected so strategies and jitter are reproducible. */
export type RandomSource = () => number;

/** `Math.random`. */
export const systemRandom: RandomSource = () => Math.random();

/**
 * Resolves after `ms` on `clock`, or rejects with the signal's reason when it aborts first.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSource): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const handle = clock.setTimeout(() => {
      stopWatching();
      resolve();
    }, Math.max(0, ms));
    const stopWatching = onAbort(signal, (reason) => {
      clock.clearTimeout(handle);
      reject(reason);
    });
  });
}
