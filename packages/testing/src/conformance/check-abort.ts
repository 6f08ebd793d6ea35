import type { ConformanceContext } from './conformance-context.js';
import { ABORT_CHECK_TITLES, checkAbort as checkWireAbort } from './shared/check-abort.js';

/** Aborting `call.signal` ends the call with an error and closes the connection, before and during a stream. */
export function checkAbort(ctx: ConformanceContext): void {
  checkWireAbort(ctx, (step) => step, ABORT_CHECK_TITLES);
}
