import { ConfigurationError, createMesh, MemoryStateStore, type MeshClient } from '@modelmesh/core';
import { middlewarePlugin } from '@modelmesh/middleware-cache';
import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { startFakeOpenAIServer, startRedisServer, type FakeOpenAIServer, type TestRedisServer } from '@modelmesh/testing/servers';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateStore, stateStorePlugin } from '../src/index.js';

let redis: TestRedisServer;
let upstream: FakeOpenAIServer;
beforeAll(async () => {
  [redis, upstream] = await Promise.all([startRedisServer(), startFakeOpenAIServer()]);
});
afterAll(async () => {
  await Promise.all([redis.stop(), upstream.close()]);
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  upstream.reset();
});

let tests = 0;
/** A key prefix of its own per test, so tests on the one Redis never see each other's answers. */
const freshPrefix = () => `cache${process.pid}.${++tests}:`;

/** A mesh as a config file would make it: Redis state, and the cache middleware with `store: redis`. */
function mesh(prefix: string, options: { readonly url?: string; readonly ttl?: string; readonly timeout?: string } = {}): MeshClient {
  const client = createMesh({
    plugins: [providerPlugin],
    stateStorePlugins: [stateStorePlugin],
    middlewarePlugins: [middlewarePlugin],
    config: {
      providers: { vendor: { connector: providerPlugin.connector, api_key: 'sk-cache-test', base_url: upstream.url } },
      models: {
        'model-a': { provider: 'vendor', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } },
        'embed-a': { provider: 'vendor', capabilities: ['text-embeddings'] },
      },
      pools: { chat: { models: ['model-a'] }, embed: { models: ['embed-a'] } },
      state: { store: 'redis', url: options.url ?? redis.url, prefix, timeout: options.timeout ?? '2s', on_unavailable: 'local' },
      middleware: [{ name: 'cache', options: { store: 'redis', ttl: options.ttl ?? '5m' } }],
    },
  });
  cleanups.push(() => client.close());
  return client;
}

const ask = (content: string) => ({ model: 'chat', messages: [{ role: 'user' as const, content }] });
const hits = (client: MeshClient) => client.usage.cacheHits;

describe('the cache with store: redis', () => {
  it('is shared by two meshes on one Redis: the second answers from the first one\'s entry', async () => {
    const prefix = freshPrefix();
    const [a, b] = [mesh(prefix), mesh(prefix)];
    upstream.script({ kind: 'ok', content: 'the one answer' });
    const first = await a.chat.completions.create(ask('shared question'));
    const second = await b.chat.completions.create(ask('shared question'));
    expect(second.choices[0]?.message.content).toBe('the one answer');
    expect(second.id).toBe(first.id);
    expect(upstream.requests).toHaveLength(1);
    expect([hits(a), hits(b)]).toEqual([0, 1]);
    // A streamed request is replayed from the same Redis entry.
    const chunks: string[] = [];
    for await (const chunk of await b.chat.completions.create({ ...ask('shared question'), stream: true })) chunks.push(chunk.choices[0]?.delta.content ?? '');
    expect(chunks.join('')).toBe('the one answer');
    expect(upstream.requests).toHaveLength(1);
  });

  it('shares embeddings too, and keeps them under the state store\'s prefix with the TTL in Redis', async () => {
    const prefix = freshPrefix();
    const [a, b] = [mesh(prefix, { ttl: '90s' }), mesh(prefix, { ttl: '90s' })];
    await a.embeddings.create({ model: 'embed', input: ['cache me'] });
    const again = await b.embeddings.create({ model: 'embed', input: ['cache me'] });
    expect(again.data).toHaveLength(1);
    expect(upstream.requests).toHaveLength(1);
    const admin = new Redis(redis.url);
    cleanups.push(async () => void admin.disconnect());
    const keys = await admin.keys(`${prefix}cache:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^${prefix.replace('.', '\\.')}cache:\\{modelmesh:cache:[0-9a-f]+\\}$`));
    const ttl = await admin.pttl(keys[0] ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(90_000);
  });

  it('lets an entry expire with its TTL: the next request goes to the provider again', async () => {
    const prefix = freshPrefix();
    const client = mesh(prefix, { ttl: '200ms' });
    await client.chat.completions.create(ask('short lived'));
    await client.chat.completions.create(ask('short lived'));
    expect(upstream.requests).toHaveLength(1);
    // Redis expires it on its own clock: wait for the key to go rather than sleeping a fixed time.
    const admin = new Redis(redis.url);
    cleanups.push(async () => void admin.disconnect());
    await expect.poll(() => admin.keys(`${prefix}cache:*`), { timeout: 5_000, interval: 50 }).toEqual([]);
    await client.chat.completions.create(ask('short lived'));
    expect(upstream.requests).toHaveLength(2);
    expect(hits(client)).toBe(1);
  });

  it('never fails a request when Redis is down: every request is answered by the provider', async () => {
    const own = await startRedisServer();
    cleanups.push(() => own.stop());
    const client = mesh(freshPrefix(), { url: own.url, timeout: '300ms' });
    const unavailable: string[] = [];
    client.on('state.unavailable', (event) => unavailable.push(event.store));
    await client.chat.completions.create(ask('while up'));
    await own.stop();
    for (const round of [1, 2]) {
      const answer = await client.chat.completions.create(ask('while up'));
      expect(answer.choices[0]?.message.content, `round ${round}`).toBeTruthy();
    }
    const stream = await client.chat.completions.create({ ...ask('streamed while down'), stream: true });
    for await (const chunk of stream) void chunk;
    expect(upstream.requests).toHaveLength(4);
    expect(hits(client)).toBe(0);
    expect(unavailable).toContain('redis');
  });

  it('a store that cannot answer reads as a miss and drops writes, without throwing', async () => {
    const own = await startRedisServer();
    const store = new RedisStateStore({ url: own.url, prefix: freshPrefix(), timeoutMs: 300, retryIntervalMs: 50 });
    cleanups.push(() => store.close());
    const cache = store.cacheStore();
    const answer = { kind: 'embeddings' as const, response: { object: 'list' as const, data: [], model: 'm', usage: { prompt_tokens: 1, total_tokens: 1 } } };
    await cache.set('k', answer, 60_000);
    expect(await cache.get('k')).toEqual(answer);
    await own.stop();
    await expect(cache.set('k2', answer, 60_000)).resolves.toBeUndefined();
    await expect(cache.get('k')).resolves.toBeUndefined();
  });

  it('treats a foreign value under a cache key as a miss', async () => {
    const prefix = freshPrefix();
    const store = new RedisStateStore({ url: redis.url, prefix });
    cleanups.push(() => store.close());
    const admin = new Redis(redis.url);
    cleanups.push(async () => void admin.disconnect());
    await admin.set(`${prefix}cache:{text}`, 'not json');
    await admin.hset(`${prefix}cache:{hash}`, 'a', '1');
    await admin.set(`${prefix}cache:{other}`, '{"kind":"other"}');
    const cache = store.cacheStore();
    expect(await Promise.all(['text', 'hash', 'other'].map((key) => cache.get(key)))).toEqual([undefined, undefined, undefined]);
  });

  it('is refused, naming its path, when the mesh has no Redis state store', () => {
    const attempt = () =>
      createMesh({
        stateStore: new MemoryStateStore(),
        middlewarePlugins: [middlewarePlugin],
        config: { middleware: ['logging-free', { name: 'cache', options: { store: 'redis' } }] },
      });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/middleware\[1\]\.options\.store: store: redis keeps answers in the mesh's Redis state store, and none is configured/);
  });

  it('refuses max_entries with store: redis, where Redis bounds the cache', () => {
    expect(() =>
      createMesh({
        stateStorePlugins: [stateStorePlugin],
        middlewarePlugins: [middlewarePlugin],
        config: { state: { store: 'redis', url: redis.url, prefix: freshPrefix() }, middleware: [{ name: 'cache', options: { store: 'redis', max_entries: 10 } }] },
      }),
    ).toThrow(/middleware\[0\]\.options\.max_entries: max_entries applies to store: memory/);
  });
});
