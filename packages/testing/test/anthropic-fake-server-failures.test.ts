import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ANTHROPIC_MALFORMED_EVENT,
  anthropicMalformedJson,
  anthropicRateLimited,
  anthropicStatus,
  anthropicStreamError,
  startFakeAnthropicServer,
  type FakeAnthropicServer,
} from '../src/servers/index.js';

const KEY = 'sk-ant-fake-failures-0001';
let server: FakeAnthropicServer;

beforeAll(async () => {
  server = await startFakeAnthropicServer({ apiKey: KEY, models: ['claude-haiku-4-5'] });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const HEADERS = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': KEY };
const request = (stream = false) => ({ model: 'claude-haiku-4-5', max_tokens: 64, stream, messages: [{ role: 'user', content: 'hi there' }] });
const post = (body: unknown = request(), headers: Record<string, string> = HEADERS, signal?: AbortSignal) =>
  fetch(`${server.url}/v1/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body), ...(signal ? { signal } : {}) });

/** The SSE event names and data of a body, and the error that ended reading it, if any. */
async function readStream(response: Response): Promise<{ events: Array<[string, string]>; error?: unknown }> {
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    return { events: [], error };
  }
  const events = text
    .split('\n\n')
    .filter((b) => b.trim() !== '')
    .map((b): [string, string] => [/^event: (.*)$/m.exec(b)?.[1] ?? '', /^data: (.*)$/m.exec(b)?.[1] ?? '']);
  return { events };
}

describe('status steps', () => {
  it('send Anthropic error bodies for each status, with the request id', async () => {
    const statuses = [400, 401, 403, 404, 413, 429, 500, 529];
    server.script(...statuses.map((status) => anthropicStatus(status)));
    const types: unknown[] = [];
    for (const status of statuses) {
      const response = await post();
      expect(response.status).toBe(status);
      const body = (await response.json()) as { type: string; error: { type: string; message: string }; request_id: string };
      expect(body.type).toBe('error');
      expect(body.request_id).toBe(response.headers.get('request-id'));
      types.push(body.error.type);
    }
    expect(types).toEqual(['invalid_request_error', 'authentication_error', 'permission_error', 'not_found_error', 'request_too_large', 'rate_limit_error', 'api_error', 'overloaded_error']);
  });

  it('rate limits with and without retry-after, with exhausted anthropic-ratelimit headers', async () => {
    server.script(anthropicRateLimited({ retryAfter: 7 }), anthropicRateLimited(), anthropicRateLimited({ retryAfter: new Date(Date.UTC(2030, 0, 1)) }));
    const [seconds, none, date] = [await post(), await post(), await post()];
    expect(seconds.headers.get('retry-after')).toBe('7');
    expect(seconds.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(none.headers.get('retry-after')).toBeNull();
    expect(await none.text()).not.toMatch(/try again in/i);
    expect(date.headers.get('retry-after')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
  });

  it('answers overloaded (529), prompt too long (400) and a malformed 200', async () => {
    server.script({ kind: 'overloaded' }, { kind: 'context-length', promptTokens: 250_000, contextWindow: 200_000 }, anthropicMalformedJson());
    const overloaded = await post();
    expect([overloaded.status, await overloaded.json()]).toEqual([529, expect.objectContaining({ error: { type: 'overloaded_error', message: 'Overloaded' } })]);
    const tooLong = await post();
    expect(await tooLong.json()).toMatchObject({ error: { type: 'invalid_request_error', message: 'prompt is too long: 250000 tokens > 200000 maximum' } });
    const malformed = await post();
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
  });

  it('resets the connection, and keeps a timed-out one open until the client leaves', async () => {
    server.script({ kind: 'reset' }, { kind: 'timeout' });
    await expect(post()).rejects.toThrow();
    const controller = new AbortController();
    const pending = post(request(), HEADERS, controller.signal).catch((error: unknown) => error);
    const record = await server.waitForRequests(2);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await expect(server.waitForEnd(record)).resolves.toBe('client-closed');
    expect(server.requests[0]?.end).toBe('server-closed');
  });
});

describe('stream steps', () => {
  it('cut: the pieces before the break, then the connection drops without message_delta', async () => {
    server.script({ kind: 'cut', afterChunks: 2, chunks: ['a ', 'b ', 'c'] });
    const { events, error } = await readStream(await post(request(true)));
    expect(error).toBeInstanceOf(Error);
    expect(events.map(([name]) => name)).not.toContain('message_delta');
    expect(server.requests[0]?.end).toBe('server-closed');
  });

  it('stall: the pieces before the break, then silence until the client leaves', async () => {
    server.script({ kind: 'stall', afterChunks: 1, chunks: ['a ', 'b'] });
    const controller = new AbortController();
    const response = await post(request(true), HEADERS, controller.signal);
    const reader = response.body?.getReader();
    let text = '';
    while (!text.includes('"a "')) text += new TextDecoder().decode((await reader?.read())?.value);
    const record = server.requests[0];
    controller.abort();
    if (record) await expect(server.waitForEnd(record)).resolves.toBe('client-closed');
    expect(text).not.toContain('"b"');
  });

  it('malformed-chunk: a non-JSON event, then the rest of the stream', async () => {
    server.script({ kind: 'malformed-chunk', afterChunks: 1, chunks: ['a ', 'b'] });
    const { events } = await readStream(await post(request(true)));
    expect(events.map(([, data]) => data)).toContain(ANTHROPIC_MALFORMED_EVENT);
    expect(events.at(-1)?.[0]).toBe('message_stop');
  });

  it('missing-stop: everything through message_delta, but no message_stop', async () => {
    server.script({ kind: 'missing-stop' });
    const { events, error } = await readStream(await post(request(true)));
    expect(error).toBeUndefined();
    expect(events.map(([name]) => name).slice(-2)).toEqual(['content_block_stop', 'message_delta']);
  });

  it('stream-error: an error event (overloaded_error by default) before or after content, then the end', async () => {
    server.script(anthropicStreamError(0), { kind: 'stream-error', afterChunks: 1, chunks: ['a ', 'b'], error: { type: 'api_error', message: 'Internal server error' } });
    const before = await readStream(await post(request(true)));
    expect(before.events.map(([name]) => name)).toEqual(['message_start', 'content_block_start', 'ping', 'error']);
    expect(JSON.parse(before.events.at(-1)?.[1] ?? '')).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const after = await readStream(await post(request(true)));
    expect(after.events.filter(([name]) => name === 'content_block_delta')).toHaveLength(1);
    expect(JSON.parse(after.events.at(-1)?.[1] ?? '')).toMatchObject({ error: { type: 'api_error' } });
  });

  it('slow-first-token: headers at once, events after the delay', async () => {
    server.script({ kind: 'slow-first-token', delayMs: 20 });
    const response = await post(request(true));
    expect(response.status).toBe(200);
    const { events } = await readStream(response);
    expect(events.at(-1)?.[0]).toBe('message_stop');
  });

  it('give non-streaming requests their JSON counterparts', async () => {
    server.script({ kind: 'stream-error', afterChunks: 0 }, { kind: 'missing-stop' }, { kind: 'malformed-chunk', afterChunks: 0 });
    const overloaded = await post();
    expect(overloaded.status).toBe(529);
    expect((await post()).status).toBe(200);
    await expect((await post()).json()).rejects.toThrow(SyntaxError);
  });
});

describe('refusals before any step, as the API refuses', () => {
  it('401 without the key; the key is accepted as x-api-key or as a bearer token', async () => {
    const { 'x-api-key': _key, ...noKey } = HEADERS;
    const missing = await post(request(), noKey);
    expect([missing.status, ((await missing.json()) as { error: { type: string } }).error.type]).toEqual([401, 'authentication_error']);
    expect((await post(request(), { ...noKey, authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect(server.requests.map((r) => r.step?.kind)).toEqual([undefined, 'ok']);
  });

  it('400 without anthropic-version', async () => {
    const { 'anthropic-version': _version, ...noVersion } = HEADERS;
    const response = await post(request(), noVersion);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });
  });

  it('400 for bodies the Messages API rejects, and 404 for a model it does not serve', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['not json', /parsing the body/],
      [{ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] }, /max_tokens/],
      [{ ...request(), messages: [{ role: 'system', content: 'x' }] }, /Unexpected role "system"/],
      [{ ...request(), stream_options: { include_usage: true } }, /stream_options: Extra inputs are not permitted/],
      [{ ...request(), messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] }, /must alternate/],
    ];
    for (const [body, message] of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    const unknown = await post({ ...request(), model: 'claude-unknown' });
    expect([unknown.status, await unknown.json()]).toEqual([404, expect.objectContaining({ error: { type: 'not_found_error', message: 'model: claude-unknown' } })]);
  });

  it('checks the body against the API version it names: 2026-10-21 has no temperature', async () => {
    expect((await post({ ...request(), temperature: 0.5 })).status).toBe(200);
    const newer = await post({ ...request(), temperature: 0.5 }, { ...HEADERS, 'anthropic-version': '2026-10-21' });
    expect(await newer.json()).toMatchObject({ error: { message: 'temperature: Extra inputs are not permitted' } });
  });

  it('answers 404 not_found_error for unknown routes', async () => {
    const response = await fetch(`${server.url}/v1/complete`, { method: 'POST', headers: HEADERS, body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});
