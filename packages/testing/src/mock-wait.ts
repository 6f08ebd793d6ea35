import { sleep, type Clock } from '@modelmesh/core';

/**
 * Waits `ms` on `clock`, rejecting with the signal's reason if it aborts first. No wait
 * (and no timer) for 0 or undefined, so a test with a manual clock need not advance it.
 */
export async function wait(clock: Clock, ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw signal.reason;
  if (ms === undefined || ms <= 0) return;
  await sleep(clock, ms, signal);
}

/** Never resolves; rejects with the signal's reason once it aborts (at once if it already has). */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
