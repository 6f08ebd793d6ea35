// Added time per request of the mesh over calling a zero-latency provider directly,
// non-streaming and streaming, measured in the same run and interleaved in batches so
// that machine noise hits both sides alike.
import { createMesh } from '@modelmesh/core';
import { jsonLines, loggingMiddleware } from '@modelmesh/middleware-logging';
import { otelMiddleware } from '@modelmesh/middleware-otel';
import { printTable, summarize } from './stats.mjs';
import { zeroProvider as provider } from './zero-provider.mjs';

const meshOver = (middleware) =>
  createMesh({
    providers: [{ provider, models: [{ id: 'bench-model', capabilities: ['chat-completion'], pricing: { input: 1, output: 1 } }] }],
    config: { pools: { chat: { capability: 'chat-completion' } } },
    middleware,
  });
const client = meshOver([]);
// Logging (JSON lines formatted, then dropped) and OpenTelemetry with no SDK registered.
const observed = meshOver([loggingMiddleware({ logger: jsonLines(() => undefined) }), otelMiddleware()]);

const params = { model: 'chat', messages: [{ role: 'user', content: 'Say ok.' }] };
const streamParams = { ...params, stream: true };

const direct = async () => {
  const controller = new AbortController();
  await provider.chat({ ...params, model: 'bench-model' }, { signal: controller.signal, timeouts: {} });
};
const viaMesh = () => client.chat.completions.create(params);
const directStream = async () => {
  const controller = new AbortController();
  for await (const _ of await provider.chatStream({ ...streamParams, model: 'bench-model' }, { signal: controller.signal, timeouts: {} }));
};
const viaMeshStream = async () => {
  for await (const _ of await client.chat.completions.create(streamParams));
};
const viaObserved = () => observed.chat.completions.create(params);
const viaObservedStream = async () => {
  for await (const _ of await observed.chat.completions.create(streamParams));
};

async function measure(fn, samples, count) {
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start));
  }
}

async function compare(label, baseline, subject, { batches, perBatch }) {
  const base = [];
  const mesh = [];
  await measure(baseline, [], perBatch);
  await measure(subject, [], perBatch);
  for (let b = 0; b < batches; b++) {
    await measure(baseline, base, perBatch);
    await measure(subject, mesh, perBatch);
  }
  const a = summarize(base);
  const m = summarize(mesh);
  return [label, a.p50.toFixed(2), m.p50.toFixed(2), (m.p50 - a.p50).toFixed(2), (m.p50 / a.p50).toFixed(1) + '×', a.p99.toFixed(2), m.p99.toFixed(2), (m.p99 - a.p99).toFixed(2), String(m.n)];
}

export async function runRouterOverhead({ batches = 40, perBatch = 500 } = {}) {
  const rows = [['request', 'direct p50 µs', 'mesh p50 µs', 'added p50 µs', 'ratio p50', 'direct p99 µs', 'mesh p99 µs', 'added p99 µs', 'samples']];
  rows.push(await compare('chat (non-streaming)', direct, viaMesh, { batches, perBatch }));
  rows.push(await compare('chat (streaming, 5 chunks)', directStream, viaMeshStream, { batches, perBatch }));
  rows.push(await compare('chat, logging + otel (no SDK)', direct, viaObserved, { batches, perBatch }));
  rows.push(await compare('streaming, logging + otel (no SDK)', directStream, viaObservedStream, { batches, perBatch }));
  console.log('\nRouter overhead: mesh vs calling a zero-latency provider directly (goal: ≤ 20 µs added p50)\n');
  printTable(rows);
  await client.close();
  await observed.close();
}
