import type { Clock, TimerHandle } from './clock.js';

interface PendingTimer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires due timers in order and lets
 * promise continuations run between them, so async code under test progresses as it would
 * in real time, with no real waiting.
 */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Number of timers waiting to fire. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** When the next timer fires (ms since epoch), if any. */
  nextTimerAt(): number | undefined {
    return this.timers.reduce<number | undefined>((min, t) => (min === undefined || t.at < min ? t.at : min), undefined);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await flushMicrotasks();
    for (;;) {
      const due = this.earliestDue(target);
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = due.at;
      due.callback();
      await flushMicrotasks();
    }
    this.current = target;
    await flushMicrotasks();
  }

  /** Jumps to the next timer and fires it (and any at the same instant). Returns false when none is pending. */
  async runNext(): Promise<boolean> {
    await flushMicrotasks();
    const at = this.nextTimerAt();
    if (at === undefined) return false;
    await this.advance(at - this.current);
    return true;
  }

  /** Fires timers until none is left or `limit` have fired; guards against endless timer chains. */
  async runAll(limit = 10_000): Promise<void> {
    for (let fired = 0; fired < limit; fired++) {
      if (!(await this.runNext())) return;
    }
    throw new Error(`ManualClock.runAll: more than ${limit} timers fired`);
  }

  private earliestDue(target: number): PendingTimer | undefined {
    let earliest: PendingTimer | undefined;
    for (const timer of this.timers) {
      if (timer.at <= target && (!earliest || timer.at < earliest.at || (timer.at === earliest.at && timer.id < earliest.id))) {
        earliest = timer;
      }
    }
    return earliest;
  }
}

/**
 * Lets every queued promise continuation run: one macrotask turn drains the whole
 * microtask queue, however deeply async calls nest. No time passes on the manual clock.
 */
function flushMicrotasks(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}
