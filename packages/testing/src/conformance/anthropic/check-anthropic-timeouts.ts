import { ABORT_CHECK_TITLES, checkAbort } from '../shared/check-abort.js';
import { checkTimeouts, TIMEOUT_CHECK_TITLES } from '../shared/check-timeouts.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';

/**
 * Timeouts the provider enforces (first byte; idle between events) and aborts through
 * `call.signal`, before and during a stream. Each ends on a real socket; nothing asserts on
 * durations, only on the error and on the server seeing the connection close.
 */
export function checkAnthropicTimeoutsAndAbort(ctx: AnthropicConformanceContext): void {
  checkTimeouts(ctx, { script: (step) => step, titles: TIMEOUT_CHECK_TITLES, streamFirstByteClosesConnection: false });
  checkAbort(ctx, (step) => step, ABORT_CHECK_TITLES);
}
