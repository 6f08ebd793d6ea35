// The servers the proxy benchmark compares, all in front of the same fake upstream: a bare
// Node pass-through, ModelMesh's proxy, and minimal servers that take layers away one at a
// time (the provider package, the proxy, the mesh) or swap the server library (Hono).
import { createRequire } from 'node:module';
import { Agent, createServer, request } from 'node:http';
import { createMesh } from '@modelmesh/core';
import { createOpenAICompatibleProvider } from '@modelmesh/providers-openai-compatible';
import { Pool } from 'undici';

// The proxy's own listen backlog, so a burst of connections meets the same queue everywhere.
const listen = (server) => new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4_096 }, () => resolve(server.address().port)));

/**
 * A pass-through proxy: pipes each request to the upstream and the answer back. Its agent has
 * no socket cap, as ModelMesh's provider transport has none: every open stream holds one.
 */
export async function startBarePassThrough(upstreamPort) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const server = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
    const upstream = request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    // A client that hangs up ends the upstream exchange too.
    res.on('close', () => res.writableFinished || upstream.destroy());
    req.pipe(upstream);
  });
  return { port: await listen(server), close: () => server.close() };
}

async function* sseChunks(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of body) {
    buffer += typeof bytes === 'string' ? bytes : decoder.decode(bytes, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.startsWith('data: ') ? event.slice(6) : undefined;
      if (data === undefined) continue;
      if (data === '[DONE]') return;
      yield JSON.parse(data);
    }
  }
}

/** The real OpenAI-compatible provider package, pointed at the upstream. */
export function packageProvider(baseUrl) {
  return createOpenAICompatibleProvider({ id: 'upstream', baseUrl: `${baseUrl}/v1` });
}

/** A hand-written provider over `node:http` with a keep-alive agent (what the bare pass-through uses). */
export function nodeHttpProvider(upstreamPort) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const post = (body, signal) =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: upstreamPort, method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, agent, signal }, resolve);
      req.on('error', reject);
      req.end(body);
    });
  return {
    id: 'upstream',
    connector: 'bench.http.v1',
    async chat(request, call) {
      const res = await post(JSON.stringify(request), call.signal);
      const parts = [];
      for await (const part of res) parts.push(part);
      return JSON.parse(Buffer.concat(parts).toString('utf8'));
    },
    async chatStream(request, call) {
      const res = await post(JSON.stringify(request), call.signal);
      res.setEncoding('utf8');
      return sseChunks(res);
    },
  };
}

/**
 * The floor for a provider: a hand-written JSON-only one on undici (the client the provider
 * kit uses in Node), with no timeouts, no abort, no validation and no error mapping.
 */
export function handWrittenProvider(upstreamPort) {
  const pool = new Pool(`http://127.0.0.1:${upstreamPort}`);
  const post = (body) => pool.request({ method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    id: 'upstream',
    connector: 'bench.undici.v1',
    async chat(request) {
      return (await post(request)).body.json();
    },
    async chatStream(request) {
      const { body } = await post(request);
      body.setEncoding('utf8');
      return sseChunks(body);
    },
  };
}

/** The provider alone behind the `create()` shape a minimal server calls: no routing at all. */
export function noMesh(provider) {
  const call = { timeouts: {} };
  return { chat: { completions: { create: (params) => (params.stream === true ? provider.chatStream(params, call) : provider.chat(params, call)) } } };
}

/** A mesh over one provider serving the pool `chat`; `stateStore` and `budgets` for the scale-out benchmark. */
export function benchMesh(provider, { stateStore, budgets = [] } = {}) {
  return createMesh({
    stateStore,
    providers: [{ provider, models: [{ id: 'bench-model', capabilities: ['chat-completion'], pricing: { input: 1, output: 1 } }] }],
    config: { pools: { chat: { capability: 'chat-completion' } }, budgets },
  });
}

/** A mesh with a hard global budget on a shared Redis (the scale-out benchmark's proxies). */
export async function redisBenchMesh(provider, redisUrl, prefix) {
  const { RedisStateStore } = await import('@modelmesh/store-redis');
  const stateStore = new RedisStateStore({ url: redisUrl, prefix });
  return benchMesh(provider, { stateStore, budgets: [{ name: 'cap', scope: 'global', period: 'day', limit_usd: 1e9, action: 'error' }] });
}

/** ModelMesh's proxy (the real package, metrics and tracing included) over a mesh. */
export async function startModelMeshProxy(mesh) {
  const { startProxy } = await import('../packages/proxy/dist/index.js');
  const proxy = await startProxy({ mesh, port: 0, log: () => {} });
  return { port: proxy.port, close: () => proxy.close() };
}

/** The smallest correct mesh server on plain node:http: JSON and SSE, nothing else. */
export async function startNodeMinimal(mesh) {
  const server = createServer({ noDelay: true, keepAliveTimeout: 60_000 }, async (req, res) => {
    const parts = [];
    for await (const part of req) parts.push(part);
    const params = JSON.parse(Buffer.concat(parts).toString('utf8'));
    if (params.stream !== true) {
      const body = JSON.stringify(await mesh.chat.completions.create(params));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const stream = await mesh.chat.completions.create(params);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for await (const chunk of stream) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  return { port: await listen(server), close: () => server.close() };
}

/** The same server on Hono (`@hono/node-server`), if installed in packages/proxy; else undefined. */
export async function startHonoMinimal(mesh) {
  const require = createRequire(new URL('../packages/proxy/package.json', import.meta.url));
  let hono;
  let nodeServer;
  let streaming;
  try {
    hono = require('hono');
    streaming = require('hono/streaming');
    nodeServer = require('@hono/node-server');
  } catch {
    return undefined;
  }
  const app = new hono.Hono();
  app.post('/v1/chat/completions', async (c) => {
    const params = await c.req.json();
    if (params.stream !== true) return c.json(await mesh.chat.completions.create(params));
    const stream = await mesh.chat.completions.create(params);
    return streaming.streamSSE(c, async (sse) => {
      for await (const chunk of stream) await sse.writeSSE({ data: JSON.stringify(chunk) });
      await sse.writeSSE({ data: '[DONE]' });
    });
  });
  const server = await new Promise((resolve) => {
    const s = nodeServer.serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { port: server.address().port, close: () => server.close() };
}
