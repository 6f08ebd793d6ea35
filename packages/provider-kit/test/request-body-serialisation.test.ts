import { InvalidRequestError, ProviderError } from '@modelmesh/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../src/index.js';
import { type LocalServer, startServer } from './support/local-server.js';
import { failure } from './support/rejection.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** 10,000 nested arrays: about 20 KB of JSON, deep enough to overflow JSON.stringify's stack. */
function deeplyNested(depth = 10_000): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('a request body that cannot be serialised is the request’s fault', () => {
  const bodies: Array<[string, () => unknown]> = [
    ['nested 10,000 arrays deep', () => ({ model: 'm', messages: deeplyNested() })],
    ['with a cycle', () => {
      const body: Record<string, unknown> = { model: 'm' };
      body['self'] = body;
      return body;
    }],
    ['with a BigInt', () => ({ model: 'm', seed: 10n })],
  ];

  it.each(bodies)('on the fast Node transport: a body %s is an InvalidRequestError and nothing is sent', async (_name, body) => {
    server = await startServer((_req, res) => res.end('{}'));
    const client = createHttpClient({ providerId: 'p', baseUrl: server.url });
    const error = await failure(client.requestJson({ path: '/chat/completions', body: body() }));
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(ProviderError.isInstance(error)).toBe(false);
    expect((error as Error).message).toMatch(/cannot be sent as JSON/);
    expect(server.requests).toHaveLength(0);
  });

  it.each(bodies)('through ofetch and an injected fetch: a body %s is an InvalidRequestError and fetch is never called', async (_name, body) => {
    let calls = 0;
    const fetch: typeof globalThis.fetch = async () => {
      calls++;
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = createHttpClient({ providerId: 'p', baseUrl: 'http://127.0.0.1:9/v1', fetch });
    const error = await failure(client.requestStream({ path: '/chat/completions', body: body() }));
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(calls).toBe(0);
  });

  it('an ordinary body still goes through ofetch as JSON, with the JSON content type', async () => {
    const seen: Array<{ body: string; type: string | null; accept: string | null }> = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ body: String(init?.body), type: headers.get('content-type'), accept: headers.get('accept') });
      return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = createHttpClient({ providerId: 'p', baseUrl: 'http://127.0.0.1:9/v1', fetch });
    await client.requestJson({ path: '/chat/completions', body: { model: 'm', n: 2 } });
    expect(seen).toEqual([{ body: '{"model":"m","n":2}', type: 'application/json', accept: 'application/json' }]);
  });
});
