import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, mapErrorPayload, mapHttpError, redactHeaders } from '../src/index.js';
import { type LocalServer, startServer } from './support/local-server.js';

// Deliberately not in a well-known key format, so only the known-secret path can mask it.
const KEY = 'custom-secret-4f9a8b7c6d5e';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function everywhere(error: Error & { toJSON?: () => unknown; details?: unknown }): string {
  return [error.message, JSON.stringify(error.toJSON?.()), JSON.stringify(error.details), String(error.stack)].join('\n');
}

describe('redaction', () => {
  it('masks a known key echoed back in an error body', () => {
    const body = JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', param: KEY, code: 'invalid_api_key' } });
    const error = mapHttpError({ providerId: 'p', status: 401, body, secrets: [KEY] });
    expect(error.message).toContain('Incorrect API key provided');
    expect(everywhere(error)).not.toContain(KEY);
  });

  it('masks secret-looking tokens even when the key is not known', () => {
    const error = mapHttpError({ providerId: 'p', status: 400, body: JSON.stringify({ error: { message: 'bad header Authorization: Bearer abcdefghijklmnop1234' } }) });
    expect(error.message).not.toContain('abcdefghijklmnop1234');
  });

  it('masks the key in an in-stream error', () => {
    const error = mapErrorPayload({ providerId: 'p', payload: { error: { message: `key ${KEY} revoked` } }, secrets: [KEY] });
    expect(everywhere(error)).not.toContain(KEY);
  });

  it('masks the key in an unparseable body excerpt', () => {
    const error = mapHttpError({ providerId: 'p', status: 502, body: `<html>upstream said ${KEY}</html>`, secrets: [KEY] });
    expect(everywhere(error)).not.toContain(KEY);
  });

  it('keeps the key out of errors from a live server that echoes the request', async () => {
    server = await startServer((req, res, body) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `You sent ${req.headers['authorization']} and ${body}` } }));
    });
    const client = createHttpClient({ providerId: 'p', baseUrl: server.url, headers: { authorization: `Bearer ${KEY}` }, secrets: [KEY] });
    const error = (await client.requestJson({ path: '/chat/completions', body: { note: KEY } }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('You sent Bearer');
    expect(everywhere(error)).not.toContain(KEY);
  });

  it('redacts credential headers for logging and keeps the rest', () => {
    const redacted = redactHeaders(
      new Headers({ Authorization: `Bearer ${KEY}`, 'x-api-key': KEY, 'x-goog-api-key': KEY, 'OpenAI-Organization': 'org-1', 'content-type': 'application/json' }),
    );
    expect(JSON.stringify(redacted)).not.toContain(KEY);
    expect(redacted['authorization']).toBe('Bearer [REDACTED]');
    expect(redacted['x-api-key']).toBe('[REDACTED]');
    expect(redacted['x-goog-api-key']).toBe('[REDACTED]');
    expect(redacted['openai-organization']).toBe('org-1');
    expect(redacted['content-type']).toBe('application/json');
  });

  it('redacts a plain header record', () => {
    expect(redactHeaders({ 'X-Api-Key': KEY, 'api-key': KEY, accept: 'x' })).toEqual({ 'x-api-key': '[REDACTED]', 'api-key': '[REDACTED]', accept: 'x' });
  });
});
