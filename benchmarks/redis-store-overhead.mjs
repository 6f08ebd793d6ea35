// The router's added time per request with the Redis state store against the memory store,
// in the same run, interleaved in batches. Without budgets the store is off the hot path
// (health arrives by pub/sub); with a hard budget every request reserves before the call
// and settles after it, one Redis script each.
import { existsSync } from 'node:fs';
import { createMesh, MemoryStateStore } from '@modelmesh/core';
import { printTable, summarize } from './stats.mjs';
import { zeroProvider } from './zero-provider.mjs';

const budget = [{ name: 'cap', scope: 'global', period: 'day', limit_usd: 1e9, action: 'error' }];

function mesh(stateStore, budgets) {
  return createMesh({
    stateStore,
    providers: [{ provider: zeroProvider, models: [{ id: 'bench-model', capabilities: ['chat-completion'], pricing: { input: 1, output: 1 } }] }],
    config: { pools: { chat: { capability: 'chat-completion' } }, budgets },
  });
}

const params = { model: 'chat', messages: [{ role: 'user', content: 'Say ok.' }], max_tokens: 16 };

async function measure(client, samples, count) {
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await client.chat.completions.create(params);
    samples?.push(Number(process.hrtime.bigint() - start));
  }
}

/** Time from one process's `putHealth` to another's subscriber hearing it (goal: well under 100 ms). */
async function measurePropagation(url, RedisStateStore, count = 500) {
  const publisher = new RedisStateStore({ url, prefix: 'bench-health:' });
  const subscriber = new RedisStateStore({ url, prefix: 'bench-health:' });
  await Promise.all([publisher.get(['warm']), subscriber.get(['warm'])]);
  const samples = [];
  let heard;
  const off = subscriber.subscribeHealth(() => heard?.());
  // The subscription is live once a first message arrives.
  for (let arrived = false; !arrived; ) {
    const wait = new Promise((resolve) => (heard = resolve));
    await publisher.putHealth({ modelKey: 'm', state: 'active', reason: 'errors', at: Date.now(), origin: 'bench' });
    arrived = await Promise.race([wait.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 50))]);
  }
  for (let i = 0; i < count; i++) {
    const wait = new Promise((resolve) => (heard = resolve));
    const start = process.hrtime.bigint();
    await Promise.all([publisher.putHealth({ modelKey: 'm', state: 'standby', reason: 'errors', until: Date.now() + 60_000, at: Date.now(), origin: 'bench' }), wait]);
    samples.push(Number(process.hrtime.bigint() - start));
  }
  off();
  await publisher.close();
  await subscriber.close();
  const s = summarize(samples);
  console.log(`\nHealth change from one process to another (putHealth to the subscriber's callback), ${count} changes: p50 ${(s.p50 / 1000).toFixed(3)} ms, p99 ${(s.p99 / 1000).toFixed(3)} ms (goal: < 100 ms)`);
}

export async function runRedisStoreOverhead({ batches = 40, perBatch = 500 } = {}) {
  const binary = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
  if (!existsSync(binary)) {
    console.log(`\nRedis store overhead: skipped, no redis-server at ${binary} (set REDIS_SERVER).`);
    return;
  }
  const { startRedisServer } = await import('@modelmesh/testing/servers');
  const { RedisStateStore } = await import('@modelmesh/store-redis');
  const redis = await startRedisServer();
  const stores = [new RedisStateStore({ url: redis.url, prefix: 'bench-a:' }), new RedisStateStore({ url: redis.url, prefix: 'bench-b:' })];
  const targets = [
    { name: 'memory store, no budget', client: mesh(new MemoryStateStore(), []) },
    { name: 'Redis store, no budget', client: mesh(stores[0], []) },
    { name: 'memory store, hard budget', client: mesh(new MemoryStateStore(), budget) },
    { name: 'Redis store, hard budget', client: mesh(stores[1], budget) },
  ];
  try {
    for (const t of targets) await measure(t.client, undefined, perBatch);
    const samples = new Map(targets.map((t) => [t.name, []]));
    for (let b = 0; b < batches; b++) for (const t of targets) await measure(t.client, samples.get(t.name), perBatch);
    const stats = new Map(targets.map((t) => [t.name, summarize(samples.get(t.name))]));
    const row = (name, baseline) => {
      const s = stats.get(name);
      const base = stats.get(baseline);
      const added = (s.p50 - base.p50) / 1000;
      return [name, s.p50.toFixed(1), s.p99.toFixed(1), name === baseline ? '' : added.toFixed(3), name === baseline || !name.startsWith('Redis') ? '' : added <= 0.3 ? 'yes' : 'no', String(s.n)];
    };
    console.log(`\nRedis store overhead: ${batches * perBatch} requests per configuration through the router (zero-latency provider), Redis on loopback\n`);
    printTable([
      ['configuration', 'p50 µs', 'p99 µs', 'added p50 ms vs memory', 'goal ≤ 0.3 ms', 'samples'],
      row('memory store, no budget', 'memory store, no budget'),
      row('Redis store, no budget', 'memory store, no budget'),
      row('memory store, hard budget', 'memory store, hard budget'),
      row('Redis store, hard budget', 'memory store, hard budget'),
    ]);
    await measurePropagation(redis.url, RedisStateStore);
  } finally {
    for (const t of targets) await t.client.close();
    for (const store of stores) await store.close();
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runRedisStoreOverhead();
