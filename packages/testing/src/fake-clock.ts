/**
 * The fake clock: core's `ManualClock`, which only moves when a test advances it.
 * `FakeClock` is the same class under the name other test libraries use.
 */
export { ManualClock, ManualClock as FakeClock } from '@modelmesh/core';
