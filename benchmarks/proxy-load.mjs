// Load generation for the proxy benchmark: keep-alive node:http requests, timing the
// whole answer and the first byte of its body (time-to-first-byte for streams).
import { Agent, request } from 'node:http';

const chatBody = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Say ok.' }] });
const streamBody = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'Say ok.' }], stream: true });

/** A client with up to `sockets` keep-alive connections. */
export function loadClient(sockets) {
  return new Agent({ keepAlive: true, maxSockets: sockets });
}

/** One request; resolves with its total time and time to the first body byte, in ns. */
export function timedRequest(agent, port, stream) {
  const body = stream ? streamBody : chatBody;
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let first;
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.on('data', () => {
          first ??= process.hrtime.bigint();
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode} from port ${port}`));
          const end = process.hrtime.bigint();
          resolve({ totalNs: Number(end - start), ttfbNs: Number((first ?? end) - start) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `count` requests one after another. */
export async function sequential(agent, port, count, stream, into = { total: [], ttfb: [] }) {
  for (let i = 0; i < count; i++) {
    const { totalNs, ttfbNs } = await timedRequest(agent, port, stream);
    into.total.push(totalNs);
    into.ttfb.push(ttfbNs);
  }
  return into;
}

/** `count` requests with `concurrency` in flight; resolves with latencies and the elapsed time. */
export async function concurrent(agent, port, count, concurrency, stream) {
  const total = [];
  let next = 0;
  const start = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      next++;
      total.push((await timedRequest(agent, port, stream)).totalNs);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { total, elapsedNs: Number(process.hrtime.bigint() - start) };
}
