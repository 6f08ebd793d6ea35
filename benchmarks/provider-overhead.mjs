// Routing through create() with the OpenAI provider to a local fake OpenAI server, against
// the official `openai` client calling the same server directly, in the same run.
import { create } from 'modelmesh';
import { providerPlugin } from '@modelmesh/providers-openai';
import { startFakeOpenAIServer } from '@modelmesh/testing/servers';
import OpenAI from 'openai';
import { printTable, summarize } from './stats.mjs';

async function timeEach(fn, count, samples) {
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples?.push(Number(process.hrtime.bigint() - start));
  }
}

async function compare(label, direct, mesh, { batches, perBatch }) {
  const a = [];
  const m = [];
  await timeEach(direct, perBatch);
  await timeEach(mesh, perBatch);
  for (let b = 0; b < batches; b++) {
    await timeEach(direct, perBatch, a);
    await timeEach(mesh, perBatch, m);
  }
  const d = summarize(a);
  const r = summarize(m);
  return [label, d.p50.toFixed(0), r.p50.toFixed(0), (r.p50 - d.p50).toFixed(0), (r.p50 / d.p50).toFixed(2) + '×', d.p99.toFixed(0), r.p99.toFixed(0), (r.p99 - d.p99).toFixed(0), String(r.n)];
}

export async function runProviderOverhead({ batches = 10, perBatch = 100 } = {}) {
  const server = await startFakeOpenAIServer();
  const apiKey = 'sk-bench-0000000000000000';
  const official = new OpenAI({ baseURL: server.url, apiKey, maxRetries: 0 });
  const client = create('chat-completion', { plugins: [providerPlugin], env: { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: server.url } });
  const body = { messages: [{ role: 'user', content: 'Say ok.' }] };
  const rows = [['request (same fake server)', 'official p50 µs', 'mesh p50 µs', 'added p50 µs', 'ratio p50', 'official p99 µs', 'mesh p99 µs', 'added p99 µs', 'samples']];
  rows.push(
    await compare(
      'chat (non-streaming)',
      () => official.chat.completions.create({ model: 'gpt-4o-mini', ...body }),
      () => client.chat.completions.create({ model: 'chat-completion', ...body }),
      { batches, perBatch },
    ),
  );
  rows.push(
    await compare(
      'chat (streaming)',
      async () => {
        for await (const _ of await official.chat.completions.create({ model: 'gpt-4o-mini', ...body, stream: true }));
      },
      async () => {
        for await (const _ of await client.chat.completions.create({ model: 'chat-completion', ...body, stream: true }));
      },
      { batches, perBatch },
    ),
  );
  console.log('\nRouting through create() to a fake OpenAI server vs the official openai client straight to it\n');
  printTable(rows);
  await client.close();
  await server.close();
}
