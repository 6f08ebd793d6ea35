// What one open slow stream keeps in a server's heap, by kind of object: a diagnostic for the
// slow-streams benchmark, not part of `pnpm bench`. Starts the slow fake vendor and one server
// (`modelmesh` or `bare`, see proxy-server.mjs), opens `from` streams, takes a heap snapshot,
// opens more up to `to`, takes another, and prints the difference per extra stream. Snapshots
// follow a full collection, so only what the streams keep alive counts.
//
//   node benchmarks/open-stream-heap.mjs [from=100] [to=600] [role=modelmesh]
import { readFileSync, unlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { serve } from './bench-servers.mjs';

const [from = 100, to = 600] = process.argv.slice(2, 4).map(Number);
const role = process.argv[4] ?? 'modelmesh';
const body = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Tell a long story.' }], stream: true });

/** Opens `count` more streams on `port`; resolves once each has its first bytes. */
function openStreams(port, agent, count, requests) {
  let open = 0;
  return new Promise((resolve) => {
    for (let i = 0; i < count; i++) {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.once('data', () => ++open === count && resolve());
      });
      req.on('error', () => undefined);
      req.end(body);
      requests.push(req);
    }
  });
}

/** Self size and count per node type and name in a heap snapshot file (deleted after reading). */
function tally(file) {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  unlinkSync(file);
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const [type, name, size] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const totals = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const kind = types[snapshot.nodes[i + type]];
    // Strings, numbers and code are told apart by kind only: their "names" are their contents.
    const label = /string|number|code/.test(kind) ? kind : `${kind} ${snapshot.strings[snapshot.nodes[i + name]]}`;
    const entry = totals.get(label) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[i + size];
    totals.set(label, entry);
  }
  return totals;
}

const upstream = await serve('slowUpstream', undefined, JSON.stringify({ chunks: 1_000_000, intervalMs: 100 }));
const target = await serve(role, upstream.port);
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
const requests = [];
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));
try {
  await openStreams(target.port, agent, from, requests);
  await settle();
  const before = tally(await target.heapSnapshot());
  await openStreams(target.port, agent, to - from, requests);
  await settle();
  const after = tally(await target.heapSnapshot());
  const rows = [...after].map(([label, { count, bytes }]) => {
    const earlier = before.get(label) ?? { count: 0, bytes: 0 };
    return { label, count: (count - earlier.count) / (to - from), bytes: (bytes - earlier.bytes) / (to - from) };
  });
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  console.log(`${role}: ${(total / 1024).toFixed(1)} KB of heap per extra open stream (${from} -> ${to} streams)`);
  for (const row of rows.sort((a, b) => b.bytes - a.bytes).slice(0, 30)) console.log(`${row.bytes.toFixed(0).padStart(7)} B ${row.count.toFixed(2).padStart(7)}  ${row.label}`);
} finally {
  for (const req of requests) req.destroy();
  agent.destroy();
  target.stop();
  upstream.stop();
}
