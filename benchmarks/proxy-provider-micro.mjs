// `node benchmarks/proxy-provider-micro.mjs`: the per-request cost of the provider layer,
// in process, with no proxy server in between. The fake upstream runs in its own process
// (its own event loop); this thread times sequential requests, interleaved in batches so
// drift hits every row alike:
//   - a raw node:http request (the floor),
//   - the hand-written node:http provider and the real providers-openai-compatible package
//     called directly (`provider.chat`),
//   - a mesh over each of them (`mesh.chat.completions.create`).
// Build first (`pnpm exec turbo run build`); the table is in µs.
import { Agent, request } from 'node:http';
import { serve } from './bench-servers.mjs';
import { benchMesh, nodeHttpProvider, packageProvider } from './proxy-targets.mjs';
import { printTable, summarize } from './stats.mjs';

const params = { model: 'chat', messages: [{ role: 'user', content: 'Say ok.' }] };
const providerParams = { ...params, model: 'bench-model' };
const call = () => ({ signal: new AbortController().signal, timeouts: { firstByte: 30_000, attempt: 30_000 } });

function rawRequest(agent, port) {
  const body = JSON.stringify(providerParams);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const parts = [];
      res.on('data', (part) => parts.push(part));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function drainStream(stream) {
  for await (const _ of stream);
}

async function timeEach(fn, count, samples) {
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples?.push(Number(process.hrtime.bigint() - start));
  }
}

export async function runProviderMicro({ batches = 10, perBatch = 500 } = {}) {
  const upstream = await serve('upstream');
  const base = `http://127.0.0.1:${upstream.port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const minimal = nodeHttpProvider(upstream.port);
  const pkg = packageProvider(base);
  const meshMinimal = benchMesh(minimal);
  const meshReal = benchMesh(packageProvider(base));
  const targets = [
    ['raw node:http request', () => rawRequest(agent, upstream.port)],
    ['node:http provider.chat', () => minimal.chat(providerParams, call())],
    ['package provider.chat', () => pkg.chat(providerParams, call())],
    ['mesh + node:http provider (JSON)', () => meshMinimal.chat.completions.create(params)],
    ['mesh + package provider (JSON)', () => meshReal.chat.completions.create(params)],
    ['mesh + node:http provider (SSE)', async () => drainStream(await meshMinimal.chat.completions.create({ ...params, stream: true }))],
    ['mesh + package provider (SSE)', async () => drainStream(await meshReal.chat.completions.create({ ...params, stream: true }))],
  ];
  const samples = new Map(targets.map(([name]) => [name, []]));
  for (const [, fn] of targets) await timeEach(fn, perBatch);
  for (let b = 0; b < batches; b++) {
    for (const [name, fn] of targets) await timeEach(fn, perBatch, samples.get(name));
  }
  const floor = summarize(samples.get(targets[0][0]));
  console.log(`\nProvider layer in process: ${batches * perBatch} sequential requests per row to a fake upstream in its own process; µs\n`);
  printTable([
    ['target', 'p50 µs', 'p99 µs', 'p50 over raw µs'],
    ...targets.map(([name]) => {
      const s = summarize(samples.get(name));
      return [name, s.p50.toFixed(0), s.p99.toFixed(0), (s.p50 - floor.p50).toFixed(0)];
    }),
  ]);
  agent.destroy();
  await Promise.all([meshMinimal.close?.(), meshReal.close?.()]);
  upstream.stop();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  await runProviderMicro();
}
