// Proxy throughput when scaling out: two ModelMesh proxy processes sharing one Redis (one hard
// budget, so every request reserves and settles there) against one such process, and one
// process on the memory store, all in front of the same zero-latency fake upstream. Load is
// spread round-robin over the processes of a setup, 64 requests in flight in total.
import { existsSync } from 'node:fs';
import { serve } from './bench-servers.mjs';
import { loadClient, timedRequest } from './proxy-load.mjs';
import { printTable, summarize } from './stats.mjs';

/** `count` JSON requests with `concurrency` in flight, spread over `ports`. */
async function spread(agent, ports, count, concurrency) {
  const total = [];
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      const port = ports[next++ % ports.length];
      total.push((await timedRequest(agent, port, false)).totalNs);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { total, elapsedNs: Number(process.hrtime.bigint() - start) };
}

export async function runProxyScaleOut({ count = 20_000, concurrency = 64, rounds = 3 } = {}) {
  const binary = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
  if (!existsSync(binary) || !existsSync(new URL('../packages/proxy/dist/index.js', import.meta.url))) {
    console.log('\nProxy scale-out: skipped (needs redis-server and a built @modelmesh/proxy).');
    return;
  }
  const { startRedisServer } = await import('@modelmesh/testing/servers');
  const redis = await startRedisServer();
  const upstream = await serve('upstream');
  const servers = [];
  const start = async (role, extra) => {
    const server = await serve(role, upstream.port, extra);
    servers.push(server);
    return server.port;
  };
  try {
    const setups = [
      { name: '1 process, memory store', ports: [await start('modelmeshMemoryBudget')] },
      { name: '1 process, Redis store', ports: [await start('modelmeshRedis', redis.url)] },
      { name: '2 processes, one Redis', ports: [await start('modelmeshRedis', redis.url), await start('modelmeshRedis', redis.url)] },
    ];
    const agent = loadClient(concurrency);
    for (const setup of setups) await spread(agent, setup.ports, concurrency * 20, concurrency);
    const results = new Map(setups.map((s) => [s.name, { total: [], elapsedNs: 0, count: 0 }]));
    for (let r = 0; r < rounds; r++) {
      for (const setup of setups) {
        const run = await spread(agent, setup.ports, count, concurrency);
        const acc = results.get(setup.name);
        acc.total.push(...run.total);
        acc.elapsedNs += run.elapsedNs;
        acc.count += count;
      }
    }
    const rps = (name) => {
      const r = results.get(name);
      return r.count / (r.elapsedNs / 1e9);
    };
    const single = rps('1 process, Redis store');
    console.log(`\nProxy scale-out: ${rounds * count} JSON requests per setup, ${concurrency} in flight, hard budget on every request\n`);
    printTable([
      ['setup', 'req/s', '÷ 1 process on Redis', 'p50 ms', 'p99 ms'],
      ...setups.map((s) => {
        const stats = summarize(results.get(s.name).total);
        return [s.name, rps(s.name).toFixed(0), `${(rps(s.name) / single).toFixed(2)}×`, (stats.p50 / 1000).toFixed(3), (stats.p99 / 1000).toFixed(3)];
      }),
    ]);
    console.log(`(${process.env.CI ? 'CI' : 'this machine'}: ${(await import('node:os')).availableParallelism()} cores shared by the load generator, the proxies, the upstream and Redis)`);
  } finally {
    for (const server of servers) server.stop();
    upstream.stop();
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runProxyScaleOut();
