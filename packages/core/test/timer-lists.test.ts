import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimerLists } from '../src/runtime/timer-lists.js';

describe('TimerLists (the system clock timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs a timer once, when its time has come and not before', () => {
    const timers = new TimerLists();
    const fired = vi.fn();
    timers.set(fired, 1_000);
    vi.advanceTimersByTime(999);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('a cleared timer never runs, and clearing twice or clearing a foreign handle is harmless', () => {
    const timers = new TimerLists();
    const fired = vi.fn();
    const handle = timers.set(fired, 500);
    timers.clear(handle);
    timers.clear(handle);
    timers.clear(undefined);
    timers.clear({});
    vi.advanceTimersByTime(1_000);
    expect(fired).not.toHaveBeenCalled();
  });

  it('timers of one duration run in the order set, each at its own time', () => {
    const timers = new TimerLists();
    const order: string[] = [];
    timers.set(() => order.push('a'), 100);
    vi.advanceTimersByTime(30);
    timers.set(() => order.push('b'), 100);
    vi.advanceTimersByTime(70);
    expect(order).toEqual(['a']);
    vi.advanceTimersByTime(30);
    expect(order).toEqual(['a', 'b']);
  });

  it('a timer set after an earlier one of its duration was cleared still runs on time (the shared timer re-arms)', () => {
    const timers = new TimerLists();
    const early = timers.set(() => undefined, 1_000);
    vi.advanceTimersByTime(400);
    const fired = vi.fn();
    timers.set(fired, 1_000);
    timers.clear(early);
    vi.advanceTimersByTime(600);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(399);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('durations are independent; zero and non-finite delays run after 1 ms', () => {
    const timers = new TimerLists();
    const order: string[] = [];
    timers.set(() => order.push('long'), 300);
    timers.set(() => order.push('short'), 100);
    timers.set(() => order.push('zero'), 0);
    timers.set(() => order.push('nan'), Number.NaN);
    vi.advanceTimersByTime(1);
    expect(order).toEqual(['zero', 'nan']);
    vi.advanceTimersByTime(299);
    expect(order).toEqual(['zero', 'nan', 'short', 'long']);
  });

  it('a throwing callback does not stop the others due at the same time, and its error is rethrown, not swallowed', () => {
    const rethrown: Array<() => void> = [];
    vi.stubGlobal('queueMicrotask', (task: () => void) => rethrown.push(task));
    const timers = new TimerLists();
    const after = vi.fn();
    timers.set(() => {
      throw new Error('boom');
    }, 50);
    timers.set(after, 50);
    vi.advanceTimersByTime(50);
    expect(after).toHaveBeenCalledTimes(1);
    expect(rethrown).toHaveLength(1);
    expect(() => rethrown[0]?.()).toThrow('boom');
  });

  it('the platform timer holds the process alive exactly while a timer of its duration is pending', () => {
    const armed: Array<{ hasRef(): boolean }> = [];
    const fakeSetTimeout = globalThis.setTimeout;
    vi.stubGlobal('setTimeout', (callback: () => void, ms: number) => {
      const timer = fakeSetTimeout(callback, ms);
      armed.push(timer);
      return timer;
    });
    const timers = new TimerLists();
    const first = timers.set(() => undefined, 1_000);
    expect(armed.map((t) => t.hasRef())).toEqual([true]);
    // Cancelled: the shared timer stays armed (no re-arm cost) but no longer holds the process.
    timers.clear(first);
    expect(armed.map((t) => t.hasRef())).toEqual([false]);
    // Pending again on the same armed timer (a backoff sleep): it holds the process again.
    vi.advanceTimersByTime(400);
    const fired = vi.fn();
    timers.set(fired, 1_000);
    expect(armed.map((t) => t.hasRef())).toEqual([true]);
    // The first deadline passes with the second still due: re-armed, and the new timer holds the process.
    vi.advanceTimersByTime(600);
    expect(fired).not.toHaveBeenCalled();
    expect(armed.map((t) => t.hasRef())).toEqual([true, true]);
    vi.advanceTimersByTime(400);
    expect(fired).toHaveBeenCalledTimes(1);
  });
});
