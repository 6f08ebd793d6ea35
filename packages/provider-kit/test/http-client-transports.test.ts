import { ProviderError, ProviderTimeoutError } from '@modelmesh/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackPendingTimers } from '@modelmesh/testing/vitest';
import { createHttpClient, type HttpClientOptions } from '../src/index.js';
import { type LocalServer, sse, serverPerTest } from './support/local-server.js';
import { getEventListeners } from 'node:events';
import { gzipSync } from 'node:zlib';
import { failure } from './support/rejection.js';

afterEach(() => {
  vi.restoreAllMocks();
});
const serve = serverPerTest();

// The same exchanges on Node's fast transport (no fetch injected) and through ofetch with
// a fetch injected (the path of every other runtime): both must behave alike.
const paths: [string, Partial<HttpClientOptions>][] = [
  ['fast transport', {}],
  ['ofetch + fetch', { fetch: (input, init) => globalThis.fetch(input, init) }],
];

describe.each(paths)('createHttpClient over the %s', (_name, extra) => {
  const client = (s: LocalServer, more: Partial<HttpClientOptions> = {}) => createHttpClient({ providerId: 'p', baseUrl: s.url, ...extra, ...more });

  it('sends the same request and reads JSON, rate limits and headers', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining-requests': '7', 'X-Extra': 'yes' });
      res.end('{"ok":true}');
    });
    const seen: unknown[] = [];
    const { data, response } = await client(s, { headers: { Authorization: 'Bearer k' }, now: () => 0 }).requestJson({ path: '/chat/completions', body: { model: 'm' }, reportRateLimit: (r) => seen.push(r) });
    expect(data).toEqual({ ok: true });
    expect(seen).toEqual([{ remainingRequests: 7 }]);
    expect(response.headers.get('x-extra')).toBe('yes');
    const [req] = s.requests;
    expect(req?.url).toBe('/v1/chat/completions');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['accept']).toBe('application/json');
    expect(req?.headers['authorization']).toBe('Bearer k');
    expect(req?.headers['content-length']).toBe(String('{"model":"m"}'.length));
    expect(JSON.parse(req?.body ?? '')).toEqual({ model: 'm' });
  });

  it('sends query parameters and a path with a colon (Gemini style) as ofetch writes them', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await client(s, { query: { 'api-version': '2024-10-21' } }).requestJson({ path: '/models/g-1.5:generateContent', body: {}, query: { alt: 'sse', q: 'a b' } });
    await client(s).requestJson({ path: '/models/g-1.5:generateContent', body: {}, query: { alt: 'sse' } });
    expect(s.requests.map((r) => r.url)).toEqual(['/v1/models/g-1.5:generateContent?api-version=2024-10-21&alt=sse&q=a+b', '/v1/models/g-1.5:generateContent?alt=sse']);
  });

  it('decodes a body split inside a UTF-8 character, and gzip bodies', async () => {
    const text = JSON.stringify({ word: 'héllo wörld ✓' });
    const bytes = Buffer.from(text);
    const s = await serve((req, res) => {
      if (req.url?.endsWith('/gz')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(bytes));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(bytes.subarray(0, 12));
      setImmediate(() => res.end(bytes.subarray(12)));
    });
    expect((await client(s).requestJson({ path: '/split', body: {} })).data).toEqual({ word: 'héllo wörld ✓' });
    expect((await client(s).requestJson({ path: '/gz', body: {} })).data).toEqual({ word: 'héllo wörld ✓' });
  });

  it('cuts an error body at maxErrorBodyBytes', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('x'.repeat(5000));
    });
    const error = await failure(client(s, { maxErrorBodyBytes: 100 }).requestJson({ path: '/a', body: {} }));
    expect(ProviderError.isInstance(error)).toBe(true);
  });

  it('ends a stream with the caller reason mid-body and with phase idle when it stalls', async () => {
    const s = await serve((_req, res) => sse(res, ['data: 1\n\n'], false));
    const controller = new AbortController();
    const response = await client(s).requestStream({ path: '/a', body: {}, signal: controller.signal, timeouts: { idle: 60_000 } });
    const chunks = response.chunks();
    expect((await chunks.next()).done).toBe(false);
    const pending = chunks.next();
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await failure(pending)).toBe(reason);
    await s.clientClosed;

    const stalled = await client(s).requestStream({ path: '/a', body: {}, timeouts: { idle: 30 } });
    const error = await failure(stalled.text());
    expect((error as ProviderTimeoutError).phase).toBe('idle');
  });

  it('hands back a 204 without a body and reuses the connection', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const c = client(s);
    const first = await c.request({ path: '/a', method: 'DELETE' });
    expect(first.status).toBe(204);
    expect(await first.text()).toBe('');
    expect((await c.request({ path: '/a', method: 'DELETE' })).status).toBe(204);
  });

  it('leaves no listener on the caller signal and no timer behind, however the exchange ends', async () => {
    const s = await serve((req, res) => {
      if (req.url?.endsWith('/json')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      } else if (req.url?.endsWith('/error')) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"boom"}}');
      } else if (!req.url?.endsWith('/hang')) sse(res, ['data: {"n":1}\n\n', 'data: [DONE]\n\n'], req.url?.endsWith('/done') === true);
    });
    const c = client(s);
    const controller = new AbortController();
    const timeouts = { connect: 987_654, headers: 987_654, firstByte: 987_654, idle: 987_654 };
    const timers = trackPendingTimers(987_654);
    const settled = (): void => {
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      expect(timers.size).toBe(0);
    };
    await c.requestJson({ path: '/json', body: {}, signal: controller.signal, timeouts });
    settled();
    await failure(c.requestJson({ path: '/error', body: {}, signal: controller.signal, timeouts }));
    settled();
    expect(await (await c.requestStream({ path: '/done', body: {}, signal: controller.signal, timeouts })).text()).toContain('[DONE]');
    settled();
    // Released before its end: the body is cancelled and everything is let go.
    const open = await c.requestStream({ path: '/open', body: {}, signal: controller.signal, timeouts });
    expect((await open.chunks().next()).done).toBe(false);
    await open.cancel();
    settled();
    // Aborted by the caller while waiting for the headers, with every phase timer armed.
    const hanging = c.requestStream({ path: '/hang', body: {}, signal: controller.signal, timeouts });
    setImmediate(() => controller.abort(new Error('gave up')));
    expect(await failure(hanging)).toEqual(new Error('gave up'));
    settled();
  });
});
