import { describe, expect, it } from 'vitest';
import { RequestGuard } from '../src/request-guard.js';
import { toTransportRequest, type RequestParts } from '../src/transport-request.js';

const abort = new RequestGuard({ providerId: 'p' }, {}, undefined);
const parts = (over: Partial<RequestParts> = {}): RequestParts => ({
  baseUrl: 'http://127.0.0.1:8000/v1',
  path: '/chat/completions',
  query: {},
  method: 'POST',
  headers: {},
  body: { model: 'm' },
  abort,
  ...over,
});

describe('toTransportRequest (the fast transport plan, as ofetch would send it)', () => {
  it('joins base and path as ufo withBase does, serialises JSON and sets content-type and accept', () => {
    const plan = toTransportRequest(parts({ headers: { Authorization: 'Bearer k' } }));
    expect(plan).toEqual({
      url: 'http://127.0.0.1:8000/v1/chat/completions',
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json', accept: 'application/json' },
      body: '{"model":"m"}',
      abort,
    });
    expect(toTransportRequest(parts({ baseUrl: 'https://h/v1/', path: 'models', method: 'GET', body: undefined }))).toMatchObject({ url: 'https://h/v1/models', headers: {}, body: undefined });
    expect(toTransportRequest(parts({ path: '/' }))?.url).toBe('http://127.0.0.1:8000/v1');
  });

  it('keeps a caller accept and content type', () => {
    const plan = toTransportRequest(parts({ headers: { accept: 'text/event-stream', 'content-type': 'application/json; charset=utf-8' } }));
    expect(plan?.headers).toEqual({ accept: 'text/event-stream', 'content-type': 'application/json; charset=utf-8' });
  });

  it('appends query parameters that need no encoding, in order, as ufo withQuery writes them', () => {
    expect(toTransportRequest(parts({ query: { 'api-version': '2024-10-21', alt: 'sse' } }))?.url).toBe('http://127.0.0.1:8000/v1/chat/completions?api-version=2024-10-21&alt=sse');
    // A colon after the first slash is a path (Gemini's `models/x:generateContent`), not a scheme.
    expect(toTransportRequest(parts({ path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent', query: { alt: 'sse' } }))?.url).toBe(
      'http://127.0.0.1:8000/v1/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  it('leaves anything unusual to ofetch', () => {
    expect(toTransportRequest(parts({ query: { q: 'a b' } }))).toBeUndefined();
    expect(toTransportRequest(parts({ query: { empty: '' } }))).toBeUndefined();
    expect(toTransportRequest(parts({ query: { 'k&': 'v' } }))).toBeUndefined();
    expect(toTransportRequest(parts({ path: 'models:list' }))).toBeUndefined();
    expect(toTransportRequest(parts({ baseUrl: 'http://user:pw@h/v1' }))).toBeUndefined();
    expect(toTransportRequest(parts({ baseUrl: 'http://h/v1?x=1' }))).toBeUndefined();
    expect(toTransportRequest(parts({ path: '/a?b=1' }))).toBeUndefined();
    expect(toTransportRequest(parts({ path: 'http://elsewhere/a' }))).toBeUndefined();
    expect(toTransportRequest(parts({ body: 'raw text' }))).toBeUndefined();
    expect(toTransportRequest(parts({ body: new Uint8Array(2) }))).toBeUndefined();
    expect(toTransportRequest(parts({ method: 'GET' }))).toBeUndefined();
    expect(toTransportRequest(parts({ headers: { 'x-a': ' padded ' } }))).toBeUndefined();
    expect(toTransportRequest(parts({ headers: { 'x-a': 'a', 'X-A': 'b' } }))).toBeUndefined();
    expect(toTransportRequest(parts({ headers: { 'bad name': 'x' } }))).toBeUndefined();
    expect(toTransportRequest(parts({ headers: { 'content-type': 'application/x-www-form-urlencoded' } }))).toBeUndefined();
  });
});
