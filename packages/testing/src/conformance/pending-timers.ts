import { vi } from 'vitest';

/**
 * Watches the platform timers of one duration: the returned set holds every `setTimeout` of
 * `ms` milliseconds set from now on and not yet cleared or fired. Give a deadline under test a
 * duration nothing else uses, and the set shows whether it is armed, with no waiting. Undo it
 * with `vi.restoreAllMocks()` (in an `afterEach`).
 *
 * @example
 * ```ts
 * const armed = trackPendingTimers(4321);
 * const pending = client.requestStream({ path: '/chat', timeouts: { headers: 4321 } });
 * expect(armed.size).toBe(1);
 * ```
 */
export function trackPendingTimers(ms: number): Set<unknown> {
  const pending = new Set<unknown>();
  const { setTimeout: set, clearTimeout: clear } = globalThis;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
    const handle: ReturnType<typeof setTimeout> = set(
      (...given: unknown[]) => {
        pending.delete(handle);
        callback(...given);
      },
      delay,
      ...args,
    );
    if (delay === ms) pending.add(handle);
    return handle;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation((handle) => {
    pending.delete(handle);
    clear(handle);
  });
  return pending;
}
