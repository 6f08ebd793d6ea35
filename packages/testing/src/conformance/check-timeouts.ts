import type { ConformanceContext } from './conformance-context.js';
import { checkTimeouts as checkWireTimeouts, TIMEOUT_CHECK_TITLES } from './shared/check-timeouts.js';

/**
 * Timeouts the provider enforces: first byte (always, per the Provider contract) and idle
 * between chunks (when `features.enforcesIdleTimeout`). Each times out on a real socket after
 * a tiny timeout; nothing asserts on durations, only that the call ends with the right error
 * and releases the connection (the streamed first-byte check included).
 */
export function checkTimeouts(ctx: ConformanceContext): void {
  checkWireTimeouts(ctx, { script: (step) => step, titles: TIMEOUT_CHECK_TITLES, streamFirstByteClosesConnection: true });
}
