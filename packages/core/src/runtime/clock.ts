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

/** The longest delay platform timers take; Node runs a longer one after 1 ms instead. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The real clock: `Date.now()` and the platform's `setTimeout`. A pending timer keeps a Node
 * process alive, as it must: a script whose request sleeps before a retry (backoff,
 * Retry-After, waiting for recovery) would otherwise exit mid-request (code 13). Delays
 * past about 24.8 days are capped there rather than running at once.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms, MAX_DELAY_MS)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Source of uniform random numbers in [0, 1). Injected so strategies and jitter are reproducible. */
export type RandomSource = () => number;

/** `Math.random`. */
export const systemRandom: RandomSource = () => Math.random();

/**
 * Resolves after `ms` on `clock`, or rejects with the signal's reason when it aborts first.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
