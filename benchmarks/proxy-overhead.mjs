// `pnpm bench:proxy`: what the proxy adds to a request, measured in one run against the
// same fake OpenAI upstream: straight to it, through a bare Node pass-through, and through
// ModelMesh's proxy; sequential and with 64 in flight; JSON and streaming (time to first
// byte). Each server runs in its own process (as deployed); the load generator in this one.
import { existsSync } from 'node:fs';
import { serve } from './bench-servers.mjs';
import { concurrent, loadClient, sequential } from './proxy-load.mjs';
import { printTable, quantile } from './stats.mjs';

const stats = (ns) => {
  const sorted = Float64Array.from(ns).sort();
  return { p50: quantile(sorted, 0.5) / 1e6, p99: quantile(sorted, 0.99) / 1e6, n: sorted.length };
};
const ms = (value) => value.toFixed(3);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

/**
 * Sequential requests, target after target in batches so drift hits every target alike.
 * Each batch starts with `warmup` unrecorded requests: a server that sat idle while the
 * others were measured is measured once it is serving again, not on its way back.
 */
async function measureSequential(agent, targets, { batches, perBatch, warmup, stream }) {
  const samples = new Map(targets.map((t) => [t.name, { total: [], ttfb: [], cpuUs: 0 }]));
  for (const t of targets) await sequential(agent, t.port, perBatch, stream);
  for (let b = 0; b < batches; b++) {
    for (const t of targets) {
      await sequential(agent, t.port, warmup, stream);
      const into = samples.get(t.name);
      const cpuBefore = t.cpu ? await t.cpu() : 0;
      await sequential(agent, t.port, perBatch, stream, into);
      if (t.cpu) into.cpuUs += (await t.cpu()) - cpuBefore;
    }
  }
  return samples;
}

async function measureConcurrent(agent, targets, { count, concurrency, stream, rounds }) {
  const out = new Map(targets.map((t) => [t.name, { total: [], elapsedNs: 0, count: 0 }]));
  for (const t of targets) await concurrent(agent, t.port, concurrency * 4, concurrency, stream);
  for (let r = 0; r < rounds; r++) {
    for (const t of targets) {
      const run = await concurrent(agent, t.port, count, concurrency, stream);
      const acc = out.get(t.name);
      acc.total.push(...run.total);
      acc.elapsedNs += run.elapsedNs;
      acc.count += count;
    }
  }
  return out;
}

export async function runProxyOverhead({ batches = 5, perBatch = 400, warmup = 100, concurrency = 64, concurrentCount = 3200, rounds = 2 } = {}) {
  if (!existsSync(new URL('../packages/proxy/dist/index.js', import.meta.url))) {
    console.log('\nProxy overhead: skipped, @modelmesh/proxy is not built (`pnpm bench:proxy` builds it first).');
    return;
  }
  const upstream = await serve('upstream');
  const roles = ['bare', 'modelmesh', 'modelmeshHandWritten', 'nodeMinimal', 'jsonMinimal', 'honoMinimal'];
  const servers = Object.fromEntries(await Promise.all(roles.map(async (role) => [role, await serve(role, upstream.port)])));
  const p = Object.fromEntries(Object.entries(servers).map(([role, s]) => [role, s.port]));
  const main = [
    { name: 'direct (fake upstream)', port: upstream.port },
    { name: 'bare Node pass-through', port: p.bare, cpu: servers.bare.cpu },
    { name: 'ModelMesh proxy (providers-openai-compatible)', port: p.modelmesh, cpu: servers.modelmesh.cpu },
    { name: 'ModelMesh proxy (hand-written provider)', port: p.modelmeshHandWritten, cpu: servers.modelmeshHandWritten.cpu },
  ];
  const library = [
    { name: 'minimal mesh server, node:http', port: p.nodeMinimal, cpu: servers.nodeMinimal.cpu },
    { name: 'minimal JSON proxy, no mesh', port: p.jsonMinimal, cpu: servers.jsonMinimal.cpu },
    ...(p.honoMinimal ? [{ name: 'minimal mesh server, Hono', port: p.honoMinimal, cpu: servers.honoMinimal.cpu }] : []),
  ];
  const all = [...main, ...library];
  const agent = loadClient(concurrency);

  const json = await measureSequential(agent, all, { batches, perBatch, warmup, stream: false });
  const sse = await measureSequential(agent, all, { batches, perBatch, warmup, stream: true });
  const loaded = await measureConcurrent(agent, all, { count: concurrentCount, concurrency, stream: false, rounds });

  const direct = { json: stats(json.get(main[0].name).total), ttfb: stats(sse.get(main[0].name).ttfb), rps: 0 };
  const row = (t) => {
    const j = stats(json.get(t.name).total);
    const f = stats(sse.get(t.name).ttfb);
    const s = stats(sse.get(t.name).total);
    const c = loaded.get(t.name);
    const cs = stats(c.total);
    const rps = c.count / (c.elapsedNs / 1e9);
    // The target process's CPU time per sequential request (µs); the direct row has none.
    const perRequest = (m) => (m.cpuUs > 0 ? m.cpuUs / m.total.length : undefined);
    return { name: t.name, j, f, s, cs, rps, cpuJson: perRequest(json.get(t.name)), cpuSse: perRequest(sse.get(t.name)) };
  };
  const rows = all.map(row);
  console.log(`\nProxy overhead: ${batches * perBatch} sequential requests per target (JSON and SSE), ${rounds * concurrentCount} at concurrency ${concurrency}; latencies in ms\n`);
  printTable([
    ['target', 'JSON p50', 'JSON p99', 'added p50', 'added p99', 'SSE TTFB p50', 'added TTFB', 'SSE total p50', `c${concurrency} req/s`, `c${concurrency} p50`, `c${concurrency} p99`],
    ...rows.map((r) => [
      r.name,
      ms(r.j.p50),
      ms(r.j.p99),
      ms(r.j.p50 - direct.json.p50),
      ms(r.j.p99 - direct.json.p99),
      ms(r.f.p50),
      ms(r.f.p50 - direct.ttfb.p50),
      ms(r.s.p50),
      r.rps.toFixed(0),
      ms(r.cs.p50),
      ms(r.cs.p99),
    ]),
  ]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const [d, bare, mm, mmHand] = rows;
  const nodeMin = byName.get('minimal mesh server, node:http');
  const jsonMin = byName.get('minimal JSON proxy, no mesh');
  const honoMin = byName.get('minimal mesh server, Hono');
  const added = (r) => r.j.p50 - d.j.p50;
  console.log('\nRatios against the bare pass-through (target ÷ bare):\n');
  printTable([
    ['target', 'added p50', 'added p99', 'added TTFB p50', 'throughput c64', 'goal: added p50 ≤ 0.5 ms'],
    ...[mm, mmHand, nodeMin, jsonMin].map((r) => [
      r.name,
      ratio(added(r), added(bare)),
      ratio(r.j.p99 - d.j.p99, bare.j.p99 - d.j.p99),
      ratio(r.f.p50 - d.f.p50, bare.f.p50 - d.f.p50),
      ratio(r.rps, bare.rps),
      added(r) <= 0.5 ? `yes (${ms(added(r))})` : `no (${ms(added(r))})`,
    ]),
  ]);
  // CPU is what a deployment pays for; latency on an idle loopback hides most of it.
  const us = (value) => (value === undefined ? '–' : value.toFixed(0));
  console.log('\nCPU per request in the target process (µs, sequential runs), and ÷ the bare pass-through\'s:\n');
  printTable([
    ['target', 'JSON CPU', 'JSON ÷ bare', 'SSE CPU', 'SSE ÷ bare', 'goal: JSON ≤ 1.4×', 'goal: SSE ≤ 1.2×'],
    ...[bare, mm, mmHand, nodeMin, jsonMin].map((r) => [
      r.name,
      us(r.cpuJson),
      ratio(r.cpuJson, bare.cpuJson),
      us(r.cpuSse),
      ratio(r.cpuSse, bare.cpuSse),
      r.cpuJson <= 1.4 * bare.cpuJson ? 'yes' : 'no',
      r.cpuSse <= 1.2 * bare.cpuSse ? 'yes' : 'no',
    ]),
  ]);
  // Each minimal server takes one layer away; the differences of their added p50 say what each layer costs.
  console.log('\nWhere the added JSON p50 goes (ms, differences between rows):\n');
  printTable([
    ['layer', 'added p50'],
    ['bare pass-through (one more hop)', ms(added(bare))],
    ['parse and re-serialise JSON, hand-written provider (minimal JSON proxy − bare)', ms(added(jsonMin) - added(bare))],
    ['the mesh: routing, health, usage (minimal mesh server − minimal JSON proxy)', ms(added(nodeMin) - added(jsonMin))],
    ['the proxy: auth, limits, metrics, trace headers (ModelMesh proxy, hand-written provider − minimal mesh server)', ms(added(mmHand) - added(nodeMin))],
    ['the provider package: timeouts, abort, validation, error mapping (ModelMesh proxy − hand-written provider)', ms(added(mm) - added(mmHand))],
  ]);
  if (honoMin) {
    console.log(`\nServer library (same minimal mesh server): Hono ÷ node:http — JSON p50 ${ratio(honoMin.j.p50, nodeMin.j.p50)}, p99 ${ratio(honoMin.j.p99, nodeMin.j.p99)}, SSE TTFB p50 ${ratio(honoMin.f.p50, nodeMin.f.p50)}, throughput c${concurrency} ${ratio(honoMin.rps, nodeMin.rps)}`);
  }
  agent.destroy();
  for (const server of [upstream, ...Object.values(servers)]) server.stop();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  await runProxyOverhead();
}
