import { describe, expect, it, vi } from 'vitest';
import { AbortLink, onAbort } from '../src/abort-link.js';

describe('AbortLink', () => {
  it('tells its watchers once, with the reason, and later aborts change nothing', () => {
    const link = new AbortLink();
    const seen: unknown[] = [];
    link.watch((reason) => seen.push(reason));
    link.abort('first');
    link.abort('second');
    expect(seen).toEqual(['first']);
    expect(link.aborted).toBe(true);
    expect(link.reason).toBe('first');
  });

  it('a removed watcher is not called; watching an aborted link calls nothing', () => {
    const link = new AbortLink();
    const seen: string[] = [];
    const stop = link.watch(() => seen.push('removed'));
    link.watch(() => seen.push('kept'));
    stop();
    link.abort('x');
    link.watch(() => seen.push('late'));
    expect(seen).toEqual(['kept']);
  });

  it('without a reason aborts with an AbortError, as AbortController does', () => {
    const link = new AbortLink();
    link.abort();
    expect(link.reason).toBeInstanceOf(DOMException);
    expect((link.reason as DOMException).name).toBe('AbortError');
  });

  it('its AbortSignal follows it, whether read before or after the abort', () => {
    const before = new AbortLink();
    const early = before.signal;
    const fired = vi.fn();
    early.addEventListener('abort', fired);
    before.abort('why');
    expect(early.aborted).toBe(true);
    expect(early.reason).toBe('why');
    expect(fired).toHaveBeenCalledTimes(1);

    const after = new AbortLink();
    after.abort('late');
    expect(after.signal.aborted).toBe(true);
    expect(after.signal.reason).toBe('late');
  });

  it('follows an AbortSignal or another link, and detaches', () => {
    const controller = new AbortController();
    const link = new AbortLink();
    const detach = link.follow(controller.signal);
    detach();
    controller.abort('ignored');
    expect(link.aborted).toBe(false);

    const parent = new AbortLink();
    const child = new AbortLink();
    child.follow(parent);
    parent.abort('cascade');
    expect(child.reason).toBe('cascade');

    const done = new AbortController();
    done.abort('already');
    const follower = new AbortLink();
    follower.follow(done.signal);
    expect(follower.reason).toBe('already');
  });

  it('onAbort listens to either kind of source and returns a remover', () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    const stop = onAbort(controller.signal, (reason) => seen.push(reason));
    stop();
    onAbort(controller.signal, (reason) => seen.push(reason));
    controller.abort('signal');
    const link = new AbortLink();
    onAbort(link, (reason) => seen.push(reason));
    link.abort('link');
    onAbort(undefined, () => seen.push('never'));
    expect(seen).toEqual(['signal', 'link']);
  });
});
