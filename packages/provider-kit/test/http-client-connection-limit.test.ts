import type { ServerResponse } from 'node:http';
import { ProviderError } from '@modelmesh/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackPendingTimers } from '@modelmesh/testing/vitest';
import { createHttpClient, type HttpClientOptions, type HttpResponse } from '../src/index.js';
import { type LocalServer, startServer } from './support/local-server.js';

let server: LocalServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** A vendor whose streams stay open (headers and one event sent) until the test ends them. */
async function holdingServer(): Promise<{ server: LocalServer; open: ServerResponse[]; arrived: (count: number) => Promise<void> }> {
  const open: ServerResponse[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  server = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"n":1}\n\n');
    open.push(res);
    for (const waiter of waiters.filter((w) => open.length >= w.count)) waiter.resolve();
  });
  const arrived = (count: number) => (open.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })));
  return { server, open, arrived };
}

const stream = (client: ReturnType<typeof createHttpClient>, signal?: AbortSignal) =>
  client.requestStream({ path: '/chat/completions', body: { stream: true }, accept: 'text/event-stream', timeouts: { headers: 4321 }, signal });

describe('createHttpClient without maxConnections', () => {
  it('holds more streams open at once than the 256 connections per origin the Node transport used to allow', async () => {
    const { server: s, open } = await holdingServer();
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url });
    // Past the old cap, request 257 waited in undici's queue until a stream ended: here none does.
    const responses = await Promise.all(Array.from({ length: 300 }, () => stream(client)));
    expect(open).toHaveLength(300);
    for (const res of open) res.end('data: [DONE]\n\n');
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(bodies.every((body) => body.endsWith('[DONE]\n\n'))).toBe(true);
  });
});

const paths: [string, Partial<HttpClientOptions>][] = [
  ['fast transport', {}],
  ['ofetch + fetch', { fetch: (input, init) => globalThis.fetch(input, init) }],
];

describe.each(paths)('createHttpClient with maxConnections over the %s', (_name, extra) => {
  it('sends at most maxConnections at once and starts the headers deadline only when a request is sent', async () => {
    const { server: s, open, arrived } = await holdingServer();
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url, maxConnections: 2, ...extra });
    const headersTimers = trackPendingTimers(4321);
    const first = [stream(client), stream(client)];
    const third = stream(client);
    const firstTwo = await Promise.all(first);
    // The first two have their headers (their deadlines cleared); the third waits in the client's queue, untimed.
    expect(s.requests).toHaveLength(2);
    expect(headersTimers.size).toBe(0);
    open[0]?.end('data: [DONE]\n\n');
    await firstTwo[0]?.text();
    await arrived(3);
    const response: HttpResponse = await third;
    expect(s.requests).toHaveLength(3);
    open[1]?.end('data: [DONE]\n\n');
    open[2]?.end('data: [DONE]\n\n');
    await Promise.all([firstTwo[1]?.text(), response.text()]);
  });

  it('takes a request aborted while it waits out of the queue, without sending it', async () => {
    const { server: s, open, arrived } = await holdingServer();
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url, maxConnections: 1, ...extra });
    const held = await stream(client);
    const controller = new AbortController();
    const waiting = stream(client, controller.signal);
    const after = stream(client);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    open[0]?.end('data: [DONE]\n\n');
    await held.text();
    // The freed slot goes to the next live request, not to the aborted one.
    await arrived(2);
    const next = await after;
    expect(s.requests).toHaveLength(2);
    open[1]?.end('data: [DONE]\n\n');
    await next.text();
  });

  it('fails queued requests when the client is closed', async () => {
    const { server: s } = await holdingServer();
    const client = createHttpClient({ providerId: 'p', baseUrl: s.url, maxConnections: 1, ...extra });
    const held = stream(client);
    await held;
    const queued = stream(client);
    client.close();
    const error = await queued.catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error) && error.code).toBe('connection_error');
    expect(s.requests).toHaveLength(1);
  });
});
