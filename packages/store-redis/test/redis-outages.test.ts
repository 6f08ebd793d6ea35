import { Redis } from 'ioredis';
import { StateStoreUnavailableError } from '@modelmesh/core';
import { freePort } from '@modelmesh/testing/servers';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStateStore } from '../src/index.js';
import { redisBackend } from './support/redis-backend.js';
import { nextStatus } from './support/status-waiter.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function backend(options: Parameters<typeof redisBackend>[0] = {}) {
  const made = await redisBackend({ timeoutMs: 300, retryIntervalMs: 50, ...options });
  cleanups.push(() => made.close());
  return made;
}

describe('a Redis that restarts empty', () => {
  it('gets back what the processes knew, so a spent budget is not handed out again', async () => {
    const { open, server } = await backend();
    const [a, b] = [open(), open()];
    expect(await a.reserve([{ key: 'budget', amount: 60, limit: 100 }])).toMatchObject({ ok: true });
    expect(await b.reserve([{ key: 'budget', amount: 30, limit: 100 }])).toMatchObject({ ok: true });
    const restored = [nextStatus(a, 'restored'), nextStatus(b, 'restored')];
    await server.restart();
    await Promise.all(restored);
    expect(await a.get(['budget'])).toEqual([90]);
    expect(await a.reserve([{ key: 'budget', amount: 20, limit: 100 }])).toEqual({ ok: false, index: 0, value: 90 });
    expect(await b.reserve([{ key: 'budget', amount: 10, limit: 100 }])).toEqual({ ok: true, values: [100] });
  });
});

describe('on_unavailable: local', () => {
  it('serves from local counters while Redis is down and writes the changes back when it returns', async () => {
    const { open, server } = await backend();
    const store = open();
    await store.reserve([{ key: 'k', amount: 5, limit: 10 }]);
    const down = nextStatus(store, 'unavailable');
    await server.kill();
    const status = await down;
    expect(status).toMatchObject({ store: 'redis', mode: 'local' });
    expect(store.available).toBe(false);
    // The local view starts from what Redis last said, so the limit still holds here.
    expect(await store.reserve([{ key: 'k', amount: 4, limit: 10 }])).toEqual({ ok: true, values: [9] });
    expect(await store.reserve([{ key: 'k', amount: 4, limit: 10 }])).toEqual({ ok: false, index: 0, value: 9 });
    const back = nextStatus(store, 'restored');
    await server.restart();
    expect((await back).detail).toContain('written back');
    expect(await open().get(['k'])).toEqual([9]);
  });

  it('a Redis that is down at start costs no request more than the timeout', async () => {
    const port = await freePort();
    const store = new RedisStateStore({ url: `redis://127.0.0.1:${port}`, timeoutMs: 200, retryIntervalMs: 50 });
    cleanups.push(() => store.close());
    const down = nextStatus(store, 'unavailable');
    expect(await store.reserve([{ key: 'k', amount: 1, limit: 1 }])).toEqual({ ok: true, values: [1] });
    await down;
    expect(await store.getHealth(['m'])).toEqual([undefined]);
  });

  it('a Redis slower than the timeout counts as unavailable until it answers again', async () => {
    const { open, server } = await backend();
    const store = open({ timeoutMs: 200 });
    await store.add('k', 1);
    const admin = new Redis(server.url);
    cleanups.push(async () => void admin.disconnect());
    const down = nextStatus(store, 'unavailable');
    await admin.client('PAUSE', 1_500, 'WRITE');
    expect(await store.add('k', 1)).toBe(2);
    await down;
    await nextStatus(store, 'restored');
    // The timed-out call may have run after all, and its local copy is written back too:
    // a slow Redis can make a counter read high, never low.
    const [value] = await store.get(['k']);
    expect(value).toBeGreaterThanOrEqual(2);
    expect(value).toBeLessThanOrEqual(3);
  });
});

describe('on_unavailable: fail', () => {
  it('refuses reservations with a typed error while Redis is down, but keeps settlements for later', async () => {
    const { open, server } = await backend({ onUnavailable: 'fail' });
    const store = open();
    await store.reserve([{ key: 'k', amount: 5, limit: 10 }]);
    const down = nextStatus(store, 'unavailable');
    await server.kill();
    expect((await down).mode).toBe('fail');
    await expect(store.reserve([{ key: 'k', amount: 1, limit: 10 }])).rejects.toBeInstanceOf(StateStoreUnavailableError);
    expect(await store.add('k', -2)).toBe(3);
    const back = nextStatus(store, 'restored');
    await server.restart();
    await back;
    expect(await store.reserve([{ key: 'k', amount: 7, limit: 10 }])).toEqual({ ok: true, values: [10] });
  });
});
