// Suspended async functions an open Anthropic stream keeps on the client side. Opens N streams
// against the fake Anthropic server (run in a child process, so the heap holds the client only),
// each stalled after its first text piece with a next() waiting, and counts the suspended async
// functions and generators in a heap snapshot (V8 names them "Generator"). Run it with two
// values of N: a count that grows with N is a frame kept per open stream.
//
//   node open-stream-frames.mjs 50 && node open-stream-frames.mjs 100
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { getHeapSnapshot } from 'node:v8';

if (process.argv[2] === 'server') {
  const { startFakeAnthropicServer } = await import('@modelmesh/testing/servers');
  const server = await startFakeAnthropicServer({ defaultScript: { kind: 'stall', afterChunks: 1, text: 'Hello there' } });
  process.send(server.url);
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
} else {
  const { createAnthropic } = await import('@modelmesh/providers-anthropic');
  const streams = Number(process.argv[2] ?? 50);
  const child = fork(new URL(import.meta.url), ['server']);
  const [url] = await once(child, 'message');
  const anthropic = createAnthropic({ apiKey: 'sk-ant-frames', baseUrl: url, env: {} });
  const open = [];
  for (let i = 0; i < streams; i++) {
    const stream = await anthropic.chatStream({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { signal: new AbortController().signal, timeouts: {} });
    const iterator = stream[Symbol.asyncIterator]();
    for (;;) {
      const next = await iterator.next();
      if (next.done || next.value.choices[0]?.delta.content) break;
    }
    // The waiting read rejects when the stream is returned below.
    open.push({ iterator, waiting: iterator.next().catch(() => undefined) });
  }
  console.log(JSON.stringify({ streams, suspended: suspendedFrames() }));
  for (const { iterator } of open) await iterator.return();
  child.disconnect();
}

/** Suspended async functions and generators in a heap snapshot of this process. */
function suspendedFrames() {
  const parts = [];
  const snapshot = getHeapSnapshot();
  let chunk;
  while ((chunk = snapshot.read()) !== null) parts.push(chunk);
  const { snapshot: meta, nodes, strings } = JSON.parse(Buffer.concat(parts).toString());
  const width = meta.meta.node_fields.length;
  const types = meta.meta.node_types[0];
  let count = 0;
  for (let i = 0; i < nodes.length; i += width) {
    if (types[nodes[i]] === 'object' && (strings[nodes[i + 1]] === 'Generator' || strings[nodes[i + 1]] === 'AsyncGenerator')) count++;
  }
  return count;
}
