import { ProviderTimeoutError } from '@modelmesh/provider';
import { trackPendingTimers } from '@modelmesh/testing/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BodyIterator } from '../src/body-iterator.js';
import type { BodySource } from '../src/body-source.js';
import { RequestGuard } from '../src/request-guard.js';
import { RestartableTimer } from '../src/restartable-timer.js';
import { readSseJson } from '../src/index.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A body that hands over one event per read, each after a turn of the event loop (as a socket does). */
function eventPerRead(count: number): BodySource {
  let sent = 0;
  return {
    read: () =>
      new Promise((resolve) =>
        setImmediate(() => {
          sent++;
          resolve(sent <= count ? new TextEncoder().encode(`data: {"n":${sent}}\n\n`) : sent === count + 1 ? new TextEncoder().encode('data: [DONE]\n\n') : undefined);
        }),
      ),
    cancel: () => undefined,
  };
}

describe('the idle timeout of a stream', () => {
  it('keeps one timer for a stream of many pieces, and none once the stream ends', async () => {
    const idleMs = 987_653;
    const pending = trackPendingTimers(idleMs);
    const armed = vi.mocked(globalThis.setTimeout);
    const guard = new RequestGuard({ providerId: 'p' }, { idle: idleMs }, undefined);
    const seen: unknown[] = [];
    for await (const event of readSseJson(new BodyIterator(eventPerRead(100), guard), { providerId: 'p' })) seen.push(event.data);
    expect(seen).toHaveLength(100);
    expect(armed.mock.calls.filter(([, ms]) => ms === idleMs)).toHaveLength(1);
    expect(pending.size).toBe(0);
  });

  it('still ends a stalled stream with phase idle', async () => {
    const guard = new RequestGuard({ providerId: 'p' }, { idle: 20 }, undefined);
    let reads = 0;
    const stalls: BodySource = {
      read: () => (++reads === 1 ? Promise.resolve(new TextEncoder().encode('data: {"n":1}\n\n')) : new Promise(() => undefined)),
      cancel: () => undefined,
    };
    const events = readSseJson(new BodyIterator(stalls, guard), { providerId: 'p' });
    expect((await events.next()).value).toEqual({ event: undefined, data: { n: 1 } });
    const error = await events.next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderTimeoutError);
    expect((error as ProviderTimeoutError).phase).toBe('idle');
  });
});

describe('RestartableTimer', () => {
  it('expires at the last deadline armed, reusing its pending timer', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const expired = vi.fn();
    const timer = new RestartableTimer(expired);
    timer.arm(100);
    vi.advanceTimersByTime(60);
    timer.arm(100);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not expire while paused, and leaves no timer once cleared', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const expired = vi.fn();
    const timer = new RestartableTimer(expired);
    timer.arm(100);
    timer.pause();
    vi.advanceTimersByTime(500);
    expect(expired).not.toHaveBeenCalled();
    timer.arm(100);
    timer.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(500);
    expect(expired).not.toHaveBeenCalled();
  });

  it('schedules a new timer when re-armed for an earlier deadline', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const expired = vi.fn();
    const timer = new RestartableTimer(expired);
    timer.arm(1000);
    timer.arm(10);
    vi.advanceTimersByTime(10);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
