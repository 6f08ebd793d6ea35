import { AuthenticationError, ProviderError, ProviderTimeoutError, RateLimitError, type RateLimitSnapshot } from '@modelmesh/provider';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpClient, readSseJson } from '../src/index.js';
import { type Handler, sse, serverPerTest } from './support/local-server.js';
import { failure } from './support/rejection.js';

const serve = serverPerTest();

const json = (res: Parameters<Handler>[1], status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('createHttpClient', () => {
  it('POSTs JSON with the client and request headers and query params', async () => {
    const s = await serve((_req, res) => json(res, 200, { ok: true }));
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url, headers: { authorization: 'Bearer k-1', 'x-team': 'a' }, query: { 'api-version': '2024' } });
    const { data, response } = await client.requestJson({ path: '/chat/completions', body: { model: 'm', n: 2 }, headers: { 'x-team': 'b' }, query: { extra: '1' } });
    expect(data).toEqual({ ok: true });
    expect(response.status).toBe(200);
    const [seen] = s.requests;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/v1/chat/completions?api-version=2024&extra=1');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ model: 'm', n: 2 });
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['authorization']).toBe('Bearer k-1');
    expect(seen?.headers['x-team']).toBe('b');
  });

  it('GETs without a body', async () => {
    const s = await serve((_req, res) => json(res, 200, { object: 'list', data: [] }));
    const client = createHttpClient({ providerId: 'p', baseUrl: `${s.url}/` });
    const { data } = await client.requestJson({ path: '/models' });
    expect(data).toEqual({ object: 'list', data: [] });
    expect(s.requests[0]?.method).toBe('GET');
    expect(s.requests[0]?.url).toBe('/v1/models');
  });

  it('uses an injected fetch', async () => {
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ injected: true }), { headers: { 'content-type': 'application/json' } });
    };
    const client = createHttpClient({ providerId: 'p', baseUrl: 'http://example.invalid/v1', fetch });
    expect((await client.requestJson({ path: '/x', body: {} })).data).toEqual({ injected: true });
    expect(calls).toEqual(['http://example.invalid/v1/x']);
  });

  it('maps error statuses to typed errors and never retries', async () => {
    const s = await serve((_req, res) => json(res, 429, { error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '3' }));
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url });
    const error = await failure(client.requestJson({ path: '/chat/completions', body: {}, modelId: 'm' }));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfter).toBe(3);
    expect((error as RateLimitError).modelId).toBe('m');
    expect(s.requests).toHaveLength(1);
  });

  it('never retries a GET either', async () => {
    const s = await serve((_req, res) => json(res, 503, { error: { message: 'busy' } }));
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url });
    await failure(client.requestJson({ path: '/models' }));
    expect(s.requests).toHaveLength(1);
  });

  it('reports rate-limit headers on success and on error', async () => {
    let status = 200;
    const s = await serve((_req, res) => json(res, status, status === 200 ? {} : { error: { message: 'x' } }, { 'x-ratelimit-remaining-requests': String(status) }));
    const seen: RateLimitSnapshot[] = [];
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url, now: () => 0 });
    await client.requestJson({ path: '/a', body: {}, reportRateLimit: (r) => seen.push(r) });
    status = 500;
    await failure(client.requestJson({ path: '/a', body: {}, reportRateLimit: (r) => seen.push(r) }));
    expect(seen).toEqual([{ remainingRequests: 200 }, { remainingRequests: 500 }]);
  });

  it('treats a 200 that is not JSON as malformed_response', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
    });
    const error = await failure(createHttpClient({ providerId: 'p', baseUrl: s.url }).requestJson({ path: '/a', body: {} }));
    expect((error as ProviderError).code).toBe('malformed_response');
    expect((error as ProviderError).retryable).toBe(true);
  });

  it('maps a connection reset to a retryable connection_error', async () => {
    const s = await serve((req) => req.socket.destroy());
    const error = await failure(createHttpClient({ providerId: 'p', baseUrl: s.url }).requestJson({ path: '/a', body: {} }));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as ProviderError).code).toBe('connection_error');
    expect((error as ProviderError).retryable).toBe(true);
  });

  it('maps a refused connection to a connection_error without quoting the URL', async () => {
    const s = await serve(() => undefined);
    const url = s.url;
    await s.close();
    const error = await failure(createHttpClient({ providerId: 'p', baseUrl: url, query: { key: 'sekret-query-key' } }).requestJson({ path: '/a', body: {} }));
    expect((error as ProviderError).code).toBe('connection_error');
    expect((error as ProviderError).message).toContain('ECONNREFUSED');
    expect((error as ProviderError).message).not.toContain('sekret-query-key');
  });

  it('maps a connection cut mid-body to a connection_error', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
      setImmediate(() => res.socket?.destroy());
    });
    const error = await failure(createHttpClient({ providerId: 'p', baseUrl: s.url }).requestJson({ path: '/a', body: {} }));
    expect((error as ProviderError).code).toBe('connection_error');
  });

  it('rejects with the caller signal reason when the caller aborts', async () => {
    const s = await serve(() => undefined);
    const controller = new AbortController();
    const pending = createHttpClient({ providerId: 'p', baseUrl: s.url }).requestJson({ path: '/a', body: {}, signal: controller.signal });
    const reason = new Error('caller gave up');
    setImmediate(() => controller.abort(reason));
    expect(await failure(pending)).toBe(reason);
  });

  it('does not send anything when the signal is already aborted', async () => {
    const s = await serve((_req, res) => json(res, 200, {}));
    const controller = new AbortController();
    controller.abort(new Error('already'));
    const error = await failure(createHttpClient({ providerId: 'p', baseUrl: s.url }).requestJson({ path: '/a', body: {}, signal: controller.signal }));
    expect((error as Error).message).toBe('already');
    expect(s.requests).toHaveLength(0);
  });

  it('times out a server that accepts and stays silent with phase headers, not connect', async () => {
    const s = await serve(() => undefined);
    // The connect limit is tiny, but the connection is up at once: only the headers deadline may end this.
    const error = await failure(createHttpClient({ providerId: 'p', baseUrl: s.url }).requestStream({ path: '/a', body: {}, timeouts: { connect: 1000, headers: 60 }, modelId: 'm' }));
    expect(ProviderTimeoutError.isInstance(error)).toBe(true);
    expect((error as ProviderTimeoutError).phase).toBe('headers');
    expect((error as ProviderTimeoutError).timeoutSeconds).toBe(0.06);
    expect((error as ProviderTimeoutError).retryable).toBe(true);
  });

  it('times out a TCP connect that never completes with phase connect', async () => {
    // A listener whose process never returns to its event loop accepts nothing: once the kernel's
    // accept queue (backlog 1) is full, further SYNs are dropped and a connect hangs.
    const { port, stop } = await startStuckListener();
    const fillers = Array.from({ length: 4 }, () => connect(port, '127.0.0.1').on('error', () => undefined));
    try {
      const error = await failure(createHttpClient({ providerId: 'p', baseUrl: `http://127.0.0.1:${port}/v1` }).requestJson({ path: '/a', body: {}, timeouts: { connect: 150, headers: 60_000 } }));
      expect(ProviderTimeoutError.isInstance(error)).toBe(true);
      expect((error as ProviderTimeoutError).phase).toBe('connect');
      expect((error as ProviderTimeoutError).timeoutSeconds).toBe(0.15);
    } finally {
      for (const socket of fillers) socket.destroy();
      stop();
    }
  });

  it('does not let the connect timeout cut a response that is slow to start', async () => {
    // Headers after 150 ms with a 20 ms connect timeout: connect covers the TCP connection only.
    const s = await serve((_req, res) => void setTimeout(() => json(res, 200, { late: true }), 150));
    const { data } = await createHttpClient({ providerId: 'p', baseUrl: s.url }).requestJson({ path: '/a', body: {}, timeouts: { connect: 20 } });
    expect(data).toEqual({ late: true });
  });

  it('times out headers on the fetch path too', async () => {
    const s = await serve(() => undefined);
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url, fetch: (input, init) => globalThis.fetch(input, init) });
    const error = await failure(client.requestJson({ path: '/a', body: {}, timeouts: { connect: 5, headers: 50 } }));
    expect((error as ProviderTimeoutError).phase).toBe('headers');
  });

  it('times out before the first body byte with phase first-byte', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
    });
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url });
    // On a loaded machine the headers themselves may come after 40 ms: the phase is first-byte either way.
    const error = await failure(client.requestStream({ path: '/a', body: {}, timeouts: { headers: 5000, firstByte: 40 } }).then((response) => response.text()));
    expect((error as ProviderTimeoutError).phase).toBe('first-byte');
  });

  it('bounds a non-streaming wait for headers with first-byte when no headers deadline is set', async () => {
    const s = await serve(() => undefined);
    const error = await failure(createHttpClient({ providerId: 'p', baseUrl: s.url }).requestJson({ path: '/a', body: {}, timeouts: { firstByte: 30 } }));
    expect((error as ProviderTimeoutError).phase).toBe('first-byte');
  });

  it('times out a stalled body with phase idle', async () => {
    const s = await serve((_req, res) => sse(res, ['data: {"n":1}\n\n'], false));
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url });
    const response = await client.requestStream({ path: '/a', body: {}, timeouts: { firstByte: 5000, idle: 40 } });
    const seen: unknown[] = [];
    const error = await failure(
      (async () => {
        for await (const event of readSseJson(response.chunks(), { providerId: 'p' })) seen.push(event.data);
      })(),
    );
    expect(seen).toEqual([{ n: 1 }]);
    expect((error as ProviderTimeoutError).phase).toBe('idle');
    await s.clientClosed;
  });

  it('keeps the connection for the next request when a stream is read to [DONE] and its end is already in', async () => {
    const sockets = new Set<unknown>();
    const s = await serve((req, res) => {
      sockets.add(req.socket);
      sse(res, ['data: {"n":1}\n\n', 'data: [DONE]\n\n']);
    });
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url });
    for (let i = 0; i < 3; i++) {
      const response = await client.requestStream({ path: '/a', body: {} });
      const seen: unknown[] = [];
      for await (const event of readSseJson(response.chunks(), { providerId: 'p' })) seen.push(event.data);
      expect(seen).toEqual([{ n: 1 }]);
      // Let the body's end reach the reader, as it does between real requests.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(sockets.size).toBe(1);
  });

  it('closes the connection when the consumer stops reading early', async () => {
    const s = await serve((_req, res) => sse(res, ['data: {"n":1}\n\n', 'data: {"n":2}\n\n'], false));
    const response = await createHttpClient({ providerId: 'p', baseUrl: s.url }).requestStream({ path: '/a', body: {} });
    for await (const event of readSseJson(response.chunks(), { providerId: 'p' })) {
      expect(event.data).toEqual({ n: 1 });
      break;
    }
    await s.clientClosed;
  });

  it('closes the connection when the caller aborts mid-stream and rejects with its reason', async () => {
    const s = await serve((_req, res) => sse(res, ['data: {"n":1}\n\n'], false));
    const controller = new AbortController();
    const response = await createHttpClient({ providerId: 'p', baseUrl: s.url }).requestStream({ path: '/a', body: {}, signal: controller.signal });
    const reason = new Error('stop');
    const error = await failure(
      (async () => {
        for await (const _event of readSseJson(response.chunks(), { providerId: 'p' })) controller.abort(reason);
      })(),
    );
    expect(error).toBe(reason);
    await s.clientClosed;
  });

  it('close() aborts requests in flight and refuses new ones', async () => {
    const s = await serve(() => undefined);
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url });
    const pending = client.requestJson({ path: '/a', body: {} });
    setImmediate(() => client.close());
    const error = await failure(pending);
    expect((error as ProviderError).message).toContain('closed');
    expect(ProviderError.isInstance(await failure(client.requestJson({ path: '/a', body: {} })))).toBe(true);
  });

  it('maps 401 from a live server to AuthenticationError', async () => {
    const s = await serve((_req, res) => json(res, 401, { error: { message: 'Incorrect API key provided: sk-abc***xyz', type: 'invalid_request_error', code: 'invalid_api_key' } }));
    const error = await failure(createHttpClient({ providerId: 'p', baseUrl: s.url }).requestJson({ path: '/a', body: {} }));
    expect(AuthenticationError.isInstance(error)).toBe(true);
  });
});

/** A child process listening on a free port with backlog 1 that blocks its event loop for good, so it never accepts. */
async function startStuckListener(): Promise<{ port: number; stop: () => void }> {
  const source = `const server = require('node:net').createServer();
server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
  });
  return { port, stop: () => void child.kill('SIGKILL') };
}
