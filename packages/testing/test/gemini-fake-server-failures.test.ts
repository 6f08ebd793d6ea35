import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  GEMINI_MALFORMED_EVENT,
  GOOGLE_STATUS_NAMES,
  geminiContextLength,
  geminiInvalidApiKey,
  geminiMalformedJson,
  geminiRateLimited,
  geminiStatus,
  startFakeGeminiServer,
  type FakeGeminiServer,
} from '../src/servers/index.js';

const KEY = 'AIzaSyFakeGeminiFailures-1';
let server: FakeGeminiServer;

beforeAll(async () => {
  server = await startFakeGeminiServer({ apiKey: KEY, models: ['gemini-2.5-flash', 'gemini-embedding-001'] });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const contents = [{ role: 'user', parts: [{ text: 'Hi' }] }];
const post = (path: string, body: unknown = { contents }, init: RequestInit = {}): Promise<Response> =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY }, body: typeof body === 'string' ? body : JSON.stringify(body), ...init });
const GENERATE = '/v1beta/models/gemini-2.5-flash:generateContent';
const STREAM = '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse';

/** Reads a body to its end, collecting the text that arrived before any failure. */
async function readAll(response: Response): Promise<{ text: string; error?: unknown }> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) return { text };
      text += decoder.decode(next.value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

const dataEvents = (text: string): string[] => text.split('\r\n\r\n').filter((block) => block.startsWith('data: ')).map((block) => block.slice(6));

describe('the API’s own refusals (no step is used)', () => {
  it('a request without a key gets 403 PERMISSION_DENIED; a wrong key 400 API_KEY_INVALID; a ?key= is accepted', async () => {
    const none = await fetch(`${server.url}${GENERATE}`, { method: 'POST', body: JSON.stringify({ contents }) });
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
    const wrong = await post(GENERATE, { contents }, { headers: { 'x-goog-api-key': 'AIza-wrong' } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { status: 'INVALID_ARGUMENT', message: 'API key not valid. Please pass a valid API key.', details: [{ reason: 'API_KEY_INVALID' }, expect.anything()] } });
    const inQuery = await fetch(`${server.url}${GENERATE}?key=${KEY}`, { method: 'POST', body: JSON.stringify({ contents }) });
    expect(inQuery.status).toBe(200);
    expect(server.requests.at(-1)?.query['key']).toBe(KEY);
  });

  it('refuses bad bodies, unknown models and unknown routes as Gemini does', async () => {
    expect((await post(GENERATE, { contents: [] })).status).toBe(400);
    expect(await (await post(GENERATE, { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] })).json()).toMatchObject({ error: { message: 'Please use a valid role: user, model.' } });
    expect((await post(GENERATE, '{not json')).status).toBe(400);
    const unknown = await post('/v1beta/models/gemini-1.0-pro:generateContent');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND', message: expect.stringContaining('models/gemini-1.0-pro is not found for API version v1beta') } });
    expect((await post('/v1/chat/completions')).status).toBe(404);
    expect(server.requests.every((r) => r.step === undefined)).toBe(true);
  });
});

describe('status steps', () => {
  it('answer Google’s error body for the status, an HTML page for 502', async () => {
    for (const status of [400, 401, 403, 404, 429, 500, 503, 504]) {
      server.script(geminiStatus(status));
      const response = await post(GENERATE);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code: status, status: GOOGLE_STATUS_NAMES[status], message: expect.any(String) } });
    }
    server.script(geminiStatus(502));
    const page = await post(GENERATE);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('502');
  });

  it('geminiRateLimited sends the quota error with RetryInfo; geminiStatus(503, { retryDelay }) too', async () => {
    server.script(geminiRateLimited({ retryDelay: 20, model: 'gemini-2.5-flash' }), geminiRateLimited(), geminiStatus(503, { retryDelay: '1.5s' }));
    const limited = (await (await post(GENERATE)).json()) as { error: { status: string; details: Array<Record<string, unknown>> } };
    expect(limited.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(limited.error.details).toContainEqual({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '20s' });
    expect(limited.error.details[0]).toMatchObject({ '@type': 'type.googleapis.com/google.rpc.QuotaFailure' });
    const plain = (await (await post(GENERATE)).json()) as { error: { details: Array<Record<string, unknown>> } };
    expect(plain.error.details.some((d) => String(d['@type']).endsWith('RetryInfo'))).toBe(false);
    expect(await (await post(GENERATE)).json()).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE', details: [{ retryDelay: '1.5s' }] } });
  });

  it('geminiContextLength, geminiInvalidApiKey and geminiMalformedJson', async () => {
    server.script(geminiContextLength(2_000_000, 1_048_576), geminiInvalidApiKey(), geminiMalformedJson());
    expect(await (await post(GENERATE)).json()).toMatchObject({ error: { code: 400, message: 'The input token count (2000000) exceeds the maximum number of tokens allowed (1048576).' } });
    expect(await (await post(GENERATE)).json()).toMatchObject({ error: { details: [{ reason: 'API_KEY_INVALID' }, expect.anything()] } });
    const malformed = await post(GENERATE);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
  });
});

describe('connection steps', () => {
  it('reset drops the connection without a response', async () => {
    server.script({ kind: 'reset' });
    await expect(post(GENERATE)).rejects.toThrow();
    expect(server.requests[0]?.end).toBe('server-closed');
  });

  it('timeout never answers; the client leaving is recorded as client-closed', async () => {
    server.script({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = post(GENERATE, { contents }, { signal: controller.signal }).catch((e: unknown) => e);
    const request = await server.waitForRequests(1);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await expect(server.waitForEnd(request)).resolves.toBe('client-closed');
  });

  it('slow-first-token sends the headers at once and the first event after the wait', async () => {
    server.script({ kind: 'slow-first-token', delayMs: 40 });
    const response = await post(STREAM);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const { text } = await readAll(response);
    expect(JSON.parse(dataEvents(text).at(-1) ?? '{}')).toMatchObject({ candidates: [{ finishReason: 'STOP' }] });
  });
});

describe('stream steps', () => {
  const PIECES = ['a ', 'b ', 'c'];

  it('cut: N events, then the connection drops mid-body', async () => {
    server.script({ kind: 'cut', afterChunks: 2, chunks: PIECES });
    const { text, error } = await readAll(await post(STREAM));
    expect(dataEvents(text)).toHaveLength(2);
    expect(error).toBeDefined();
    expect(server.requests[0]?.end).toBe('server-closed');
  });

  it('stall: N events, then silence until the client leaves', async () => {
    server.script({ kind: 'stall', afterChunks: 1, chunks: PIECES });
    const controller = new AbortController();
    const response = await post(STREAM, { contents }, { signal: controller.signal });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain('"a "');
    const request = server.requests[0];
    controller.abort();
    if (request) await expect(server.waitForEnd(request)).resolves.toBe('client-closed');
  });

  it('malformed-chunk: a broken event, then the rest of the stream', async () => {
    server.script({ kind: 'malformed-chunk', afterChunks: 1, chunks: PIECES });
    const events = dataEvents((await readAll(await post(STREAM))).text);
    expect(events[1]).toBe(GEMINI_MALFORMED_EVENT);
    expect(events).toHaveLength(5);
  });

  it('missing-final: every piece, no finishReason, a clean end', async () => {
    server.script({ kind: 'missing-final', chunks: PIECES });
    const { text, error } = await readAll(await post(STREAM));
    expect(error).toBeUndefined();
    expect(text).not.toContain('finishReason');
    expect(dataEvents(text)).toHaveLength(3);
  });

  it('stream-error: N events, then an error event and the end', async () => {
    server.script({ kind: 'stream-error', afterChunks: 1, chunks: PIECES }, { kind: 'stream-error', afterChunks: 0, error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } });
    const events = dataEvents((await readAll(await post(STREAM))).text);
    expect(JSON.parse(events.at(-1) ?? '{}')).toEqual({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
    expect(events).toHaveLength(2);
    expect(JSON.parse(dataEvents((await readAll(await post(STREAM))).text)[0] ?? '{}')).toMatchObject({ error: { code: 429 } });
  });

  it('give JSON requests their counterparts: cut and stalled bodies, a malformed body, the error as a status', async () => {
    server.script({ kind: 'cut', afterChunks: 1 }, { kind: 'malformed-chunk', afterChunks: 1 }, { kind: 'stream-error', afterChunks: 1 }, { kind: 'missing-final' });
    expect((await readAll(await post(GENERATE))).error).toBeDefined();
    await expect((await post(GENERATE)).json()).rejects.toThrow();
    const failed = await post(GENERATE);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ error: { status: 'UNAVAILABLE' } });
    expect(await (await post(GENERATE)).json()).toMatchObject({ candidates: [{ finishReason: 'STOP' }] });
  });

  it('embeddings answer normally for answer steps and fail for failure steps', async () => {
    server.script({ kind: 'prompt-blocked' }, geminiRateLimited({ retryDelay: 3 }));
    const ok = await post('/v1beta/models/gemini-embedding-001:embedContent', { content: { parts: [{ text: 'x' }] } });
    expect(((await ok.json()) as { embedding: { values: number[] } }).embedding.values).toHaveLength(8);
    expect((await post('/v1beta/models/gemini-embedding-001:embedContent', { content: { parts: [{ text: 'x' }] } })).status).toBe(429);
  });
});
