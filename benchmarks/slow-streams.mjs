// One proxy holding many concurrent slow streams (a chunk every 100 ms, as a model generating
// slowly), against a bare Node pass-through in front of the same slow upstream: the memory each
// open stream costs in the proxy process, and the delay it adds between chunks (p99).
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { serve } from './bench-servers.mjs';
import { printTable, quantile } from './stats.mjs';

const body = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Tell a long story.' }], stream: true });

/**
 * Opens one stream; records the gaps (ms) between the arrivals of its content chunks (whole SSE
 * events, however the server splits its writes); resolves when it ends.
 */
function openStream(agent, port, gaps, opened) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let last;
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (text) => {
        const now = performance.now();
        buffer += text;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!/"content":"w\d+ "/.test(event)) continue;
          if (last === undefined) opened();
          else gaps.push(now - last);
          last = now;
        }
      });
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens `streams` streams at once on `target`; measures memory while all are open, and the chunk gaps. */
async function measure(target, streams) {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const idle = await target.memory();
  const gaps = [];
  let open = 0;
  let allOpen;
  const everyoneOpen = new Promise((resolve) => (allOpen = resolve));
  const done = Promise.all(Array.from({ length: streams }, () => openStream(agent, target.port, gaps, () => ++open === streams && allOpen())));
  await everyoneOpen;
  const busy = await target.memory();
  await done;
  agent.destroy();
  const sorted = Float64Array.from(gaps).sort();
  return { perStreamKb: (busy.rss - idle.rss) / streams / 1024, heapPerStreamKb: (busy.heapUsed - idle.heapUsed) / streams / 1024, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

export async function runSlowStreams({ streams = 5_000, chunks = 20, intervalMs = 100 } = {}) {
  if (!existsSync(new URL('../packages/proxy/dist/index.js', import.meta.url))) {
    console.log('\nSlow streams: skipped, @modelmesh/proxy is not built.');
    return;
  }
  const upstream = await serve('slowUpstream', undefined, JSON.stringify({ chunks, intervalMs }));
  const bare = await serve('bare', upstream.port);
  const modelmesh = await serve('modelmesh', upstream.port);
  try {
    // Warm both paths (JIT, sockets) before measuring.
    await measure(bare, 50);
    await measure(modelmesh, 50);
    const b = await measure(bare, streams);
    const m = await measure(modelmesh, streams);
    const kb = (value) => value.toFixed(1);
    console.log(`\nSlow streams: ${streams} concurrent streams, ${chunks} chunks each, one every ${intervalMs} ms; inter-chunk gap minus ${intervalMs} ms\n`);
    printTable([
      ['target', 'RSS per stream KB', 'heap per stream KB', 'added gap p50 ms', 'added gap p99 ms'],
      ['bare Node pass-through', kb(b.perStreamKb), kb(b.heapPerStreamKb), (b.p50 - intervalMs).toFixed(2), (b.p99 - intervalMs).toFixed(2)],
      ['ModelMesh proxy', kb(m.perStreamKb), kb(m.heapPerStreamKb), (m.p50 - intervalMs).toFixed(2), (m.p99 - intervalMs).toFixed(2)],
    ]);
    const extraKb = m.perStreamKb - b.perStreamKb;
    const extraP99 = m.p99 - b.p99;
    console.log(`\nModelMesh over the pass-through: ${kb(extraKb)} KB per stream (goal ≤ 20: ${extraKb <= 20 ? 'yes' : 'no'}), ${extraP99.toFixed(2)} ms added gap p99 (goal ≤ 5: ${extraP99 <= 5 ? 'yes' : 'no'})`);
  } finally {
    for (const server of [modelmesh, bare, upstream]) server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSlowStreams();
