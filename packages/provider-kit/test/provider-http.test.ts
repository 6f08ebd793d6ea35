import type { ProviderCall, RateLimitSnapshot } from '@modelmesh/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderHttp, credentialSecrets, errorBodyObject } from '../src/index.js';
import { type LocalServer, startServer } from './support/local-server.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createProviderHttp', () => {
  it('sends the vendor headers under the settings headers and masks the key and credential headers', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"bad key sk-vendor-123456 and tok-abcdef"}}');
    });
    const { http, secrets } = createProviderHttp(
      { id: 'v', baseUrl: server.url, apiKey: 'sk-vendor-123456', headers: { 'x-version': 'mine', Authorization: 'Bearer tok-abcdef' } },
      { headers: { 'x-api-key': 'sk-vendor-123456', 'x-version': 'vendor' } },
    );
    expect(secrets).toEqual(['sk-vendor-123456', 'tok-abcdef']);
    const error = await http.requestJson({ path: '/a', body: {} }).then(
      () => new Error('expected a rejection'),
      (e: unknown) => e as Error,
    );
    expect(error.message).not.toContain('sk-vendor-123456');
    expect(error.message).not.toContain('tok-abcdef');
    expect(server.requests[0]?.headers['x-version']).toBe('mine');
    expect(server.requests[0]?.headers['x-api-key']).toBe('sk-vendor-123456');
  });

  it('maps a call onto request options: its signal, headers, rate limits and the timeouts of each kind of request', () => {
    const { callOptions } = createProviderHttp({ id: 'v', baseUrl: 'http://127.0.0.1:1', timeout: 9000 }, { headers: {} });
    const seen: RateLimitSnapshot[] = [];
    const call: ProviderCall = {
      signal: new AbortController().signal,
      timeouts: { connect: 1, headers: 2, firstByte: undefined, attempt: 5000, idle: 3 },
      headers: { 'x-trace': 't' },
      reportRateLimit: (snapshot) => seen.push(snapshot),
    };
    const streaming = callOptions(call, 'm', true);
    expect(streaming).toMatchObject({ signal: call.signal, modelId: 'm', headers: { 'x-trace': 't' }, timeouts: { connect: 1, headers: 2, firstByte: 5000, idle: 3 } });
    streaming.reportRateLimit?.({ remainingRequests: 1 });
    expect(seen).toEqual([{ remainingRequests: 1 }]);
    // connect is the TCP/TLS connection for both kinds; the settings' timeout bounds the first byte when the call has none.
    expect(callOptions(call, 'm', false).timeouts).toEqual({ connect: 1, headers: 2, firstByte: 5000, idle: 3 });
    expect(callOptions({ signal: call.signal, timeouts: {} }, undefined, false).timeouts).toEqual({ connect: undefined, headers: undefined, firstByte: 9000, idle: undefined });
  });
});

describe('credentialSecrets and errorBodyObject', () => {
  it('keeps keys and credential header values of 4 characters or more', () => {
    expect(credentialSecrets('sk-1', { 'x-goog-api-key': 'abc', 'proxy-authorization': 'Basic dXNlcg==' })).toEqual(['sk-1', 'dXNlcg==']);
  });

  it('parses a string, unwraps a one-element array, and refuses anything but an object', () => {
    expect(errorBodyObject('[{"error":{"code":429}}]')).toEqual({ error: { code: 429 } });
    expect(errorBodyObject({ error: 'x' })).toEqual({ error: 'x' });
    expect(errorBodyObject('not json')).toBeUndefined();
    expect(errorBodyObject([{ a: 1 }, { b: 2 }])).toBeUndefined();
    expect(errorBodyObject(42)).toBeUndefined();
  });
});
