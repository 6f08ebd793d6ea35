import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { DispatchBodySource } from '../src/dispatch-body-source.js';

/** A dispatch controller that records what the body asked of it. */
function fakeController(): Dispatcher.DispatchController & { calls: string[] } {
  const calls: string[] = [];
  let paused = false;
  return {
    calls,
    aborted: false,
    reason: null,
    get paused() {
      return paused;
    },
    pause: () => {
      paused = true;
      calls.push('pause');
    },
    resume: () => {
      paused = false;
      calls.push('resume');
    },
    abort: (reason: Error) => calls.push(`abort:${reason.name}`),
  };
}

describe('DispatchBodySource', () => {
  it('hands a piece to a waiting reader, queues the rest, and ends with null for poll()', async () => {
    const body = new DispatchBodySource(fakeController());
    const pending = body.read();
    body.push(Buffer.from('a'));
    expect((await pending)?.toString()).toBe('a');
    body.push(Buffer.from('b'));
    body.end();
    expect(body.poll()?.toString()).toBe('b');
    expect(body.poll()).toBeNull();
    await expect(body.read()).resolves.toBeUndefined();
  });

  it('pauses the controller past 64 KiB nobody reads, and resumes it when a read finds nothing', () => {
    const controller = fakeController();
    const body = new DispatchBodySource(controller);
    for (let i = 0; i < 64; i++) body.push(Buffer.alloc(1024));
    expect(controller.paused).toBe(false);
    body.push(Buffer.alloc(1024));
    expect(controller.paused).toBe(true);
    while (body.poll()) {
      // drain
    }
    void body.read();
    expect(controller.paused).toBe(false);
  });

  it('a piece delivered from within resume() reaches the read that resumed', async () => {
    const controller = fakeController();
    const body = new DispatchBodySource(controller);
    // undici's parser delivers buffered bytes synchronously inside resume().
    controller.resume = () => body.push(Buffer.from('inside resume'));
    expect((await body.read())?.toString()).toBe('inside resume');
  });

  it('rejects reads with a failure, drops pieces after it, and aborts the controller on cancel()', async () => {
    const controller = fakeController();
    const failed = new DispatchBodySource(controller);
    failed.error(new Error('other side closed'));
    failed.push(Buffer.from('late'));
    expect(failed.poll()).toBeUndefined();
    await expect(failed.read()).rejects.toThrow('other side closed');

    const cancelled = new DispatchBodySource(controller);
    cancelled.push(Buffer.from('unread'));
    cancelled.cancel();
    expect(controller.calls).toContain('abort:AbortError');
    expect(cancelled.poll()).toBeUndefined();
    await expect(cancelled.read()).rejects.toMatchObject({ name: 'AbortError' });
  });
});
