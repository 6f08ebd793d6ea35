import { ProviderTimeoutError } from '@modelmesh/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AbortFollower } from '../src/exchange-abort.js';
import { RequestGuard } from '../src/request-guard.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A follower that records what it was told. */
function recorder(): AbortFollower & { told: unknown[] } {
  const told: unknown[] = [];
  return { told, abortExchange: (reason) => told.push(reason) };
}

describe('RequestGuard as the exchange abort the Node transport follows', () => {
  it("tells its follower once, with the caller's reason, when the caller's signal aborts", () => {
    const caller = new AbortController();
    const guard = new RequestGuard({ providerId: 'p' }, {}, caller.signal);
    const follower = recorder();
    guard.follow(follower);
    expect(guard.aborted).toBe(false);
    const reason = new Error('caller gave up');
    caller.abort(reason);
    guard.abort(new Error('later'));
    expect(guard.aborted).toBe(true);
    expect(guard.reason).toBe(reason);
    expect(follower.told).toEqual([reason]);
  });

  it('starts aborted when the caller already was', () => {
    const reason = new Error('too late');
    const guard = new RequestGuard({ providerId: 'p' }, {}, AbortSignal.abort(reason));
    expect(guard.aborted).toBe(true);
    expect(guard.reason).toBe(reason);
    expect(guard.signal.aborted).toBe(true);
    expect(guard.signal.reason).toBe(reason);
  });

  it('gives a signal made after the abort, or before it, the same reason', () => {
    const before = new RequestGuard({ providerId: 'p' }, {}, undefined);
    const early = before.signal;
    const reason = new Error('stop');
    before.abort(reason);
    expect(early.aborted).toBe(true);
    expect(early.reason).toBe(reason);

    const after = new RequestGuard({ providerId: 'p' }, {}, undefined);
    after.abort(reason);
    expect(after.signal.reason).toBe(reason);
  });

  it('aborts with an AbortError when given no reason, as AbortController does', () => {
    const guard = new RequestGuard({ providerId: 'p' }, {}, undefined);
    guard.abort(undefined);
    expect(guard.reason).toBeInstanceOf(DOMException);
    expect((guard.reason as DOMException).name).toBe('AbortError');
  });

  it('tells no follower that stopped following', () => {
    const guard = new RequestGuard({ providerId: 'p' }, {}, undefined);
    const follower = recorder();
    guard.follow(follower);
    guard.follow(undefined);
    guard.abort(new Error('x'));
    expect(follower.told).toEqual([]);
  });

  it('tells its follower the timeout of the phase that expired', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const guard = new RequestGuard({ providerId: 'p', modelId: 'm' }, { headers: 50 }, undefined);
    const follower = recorder();
    guard.follow(follower);
    guard.start('headers');
    vi.advanceTimersByTime(50);
    expect(follower.told).toHaveLength(1);
    expect(follower.told[0]).toBeInstanceOf(ProviderTimeoutError);
    expect((follower.told[0] as ProviderTimeoutError).phase).toBe('headers');
  });

  it("stops listening to the caller's signal once disposed", () => {
    const caller = new AbortController();
    const guard = new RequestGuard({ providerId: 'p' }, {}, caller.signal);
    guard.dispose();
    caller.abort(new Error('after the exchange'));
    expect(guard.aborted).toBe(false);
  });
});
