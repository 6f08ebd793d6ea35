import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpStatus, malformedJson, rateLimited, startFakeOpenAIServer, type FakeOpenAIServer } from '../src/servers/index.js';

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const chatBody = (stream = false) => JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi there' }], stream, stream_options: stream ? { include_usage: true } : undefined });
const post = (stream = false, signal?: AbortSignal) =>
  fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chatBody(stream), ...(signal ? { signal } : {}) });

/** Reads SSE `data:` payloads until the body ends; the error if reading fails. */
async function readEvents(response: Response): Promise<{ events: string[]; error?: unknown }> {
  const events: string[] = [];
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    return { events, error };
  }
  for (const block of text.split('\n\n')) if (block.startsWith('data: ')) events.push(block.slice(6));
  return { events };
}

describe('status steps', () => {
  it('send OpenAI error bodies with the given headers', async () => {
    server.script(rateLimited({ retryAfter: 7 }), rateLimited({ retryAfterMs: 1500 }), rateLimited(), rateLimited({ retryAfter: new Date(Date.UTC(2030, 0, 1)) }));
    const [seconds, ms, none, date] = [await post(), await post(), await post(), await post()];
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get('retry-after')).toBe('7');
    expect(await seconds.json()).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded', param: null } });
    expect(ms.headers.get('retry-after-ms')).toBe('1500');
    expect(ms.headers.get('retry-after')).toBeNull();
    expect(none.headers.get('retry-after')).toBeNull();
    expect(await none.text()).not.toMatch(/try again in/i);
    expect(date.headers.get('retry-after')).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
  });

  it('default to the message OpenAI sends for the status, and an HTML page for 502', async () => {
    server.script(httpStatus(401), httpStatus(500), httpStatus(502), httpStatus(418, { body: 'teapot', headers: { 'x-extra': '1' } }));
    const unauthorized = await post();
    expect(await unauthorized.json()).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } });
    expect(await (await post()).json()).toMatchObject({ error: { type: 'server_error' } });
    const gateway = await post();
    expect(gateway.headers.get('content-type')).toBe('text/html');
    expect(await gateway.text()).toContain('502 Bad Gateway');
    const custom = await post();
    expect([custom.status, custom.headers.get('x-extra'), await custom.text()]).toEqual([418, '1', 'teapot']);
  });

  it('answer context-length and content-filter 400s as OpenAI and Azure do', async () => {
    server.script({ kind: 'context-length' }, { kind: 'content-filter' });
    const context = await post();
    expect(context.status).toBe(400);
    expect(await context.json()).toMatchObject({ error: { code: 'context_length_exceeded', message: expect.stringContaining('maximum context length') } });
    const filtered = await post();
    expect(filtered.status).toBe(400);
    expect(await filtered.json()).toMatchObject({ error: { code: 'content_filter', innererror: { code: 'ResponsibleAIPolicyViolation' } } });
  });

  it('send a malformed JSON body with a 200', async () => {
    server.script(malformedJson());
    const response = await post();
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('refuse unknown routes and bodies that are not JSON before any step', async () => {
    server.script({ kind: 'reset' });
    const unknown = await fetch(`${server.url}/completions/legacy`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    const notJson = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: 'hello' });
    expect(notJson.status).toBe(400);
    expect(server.requests.map((r) => r.body)).toEqual([{}, 'hello']);
    expect(server.requests.map((r) => r.step)).toEqual([undefined, undefined]);
  });
});

describe('connection steps', () => {
  it('timeout: never answers; the server records the client closing the connection', async () => {
    server.script({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = post(false, controller.signal);
    const request = await server.waitForRequests(1);
    expect(request.end).toBe('pending');
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect(server.waitForEnd(request)).resolves.toBe('client-closed');
  });

  it('reset: destroys the socket without a response', async () => {
    server.script({ kind: 'reset' });
    const error: unknown = await post().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(server.requests[0]?.end).toBe('server-closed');
  });

  it('delayMs: waits before the status line', async () => {
    server.script({ kind: 'ok', delayMs: 20 });
    const response = await post();
    expect(response.status).toBe(200);
  });
});

describe('stream steps', () => {
  it('slow-first-token: headers at once, the data later', async () => {
    server.script({ kind: 'slow-first-token', delayMs: 30 });
    const response = await post(true);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(server.requests[0]?.chunksSent).toBe(0);
    const { events } = await readEvents(response);
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('cut: N content pieces after the role chunk, then the connection dies mid-body', async () => {
    server.script({ kind: 'cut', afterChunks: 2, chunks: ['a', 'b', 'c'] });
    const response = await post(true);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        text += decoder.decode(value, { stream: true });
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    const contents = text
      .split('\n\n')
      .filter((b) => b.startsWith('data: '))
      .map((b) => JSON.parse(b.slice(6)) as { choices: Array<{ delta: { content?: string } }> })
      .map((c) => c.choices[0]?.delta.content);
    expect(contents).toEqual(['', 'a', 'b']);
    expect(server.requests[0]).toMatchObject({ end: 'server-closed', chunksSent: 3 });
  });

  it('stall: N pieces, then silence until the client leaves', async () => {
    server.script({ kind: 'stall', afterChunks: 1 });
    const controller = new AbortController();
    const response = await post(true, controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    const request = server.requests[0]!;
    expect(request.end).toBe('pending');
    controller.abort();
    await expect(server.waitForEnd(request)).resolves.toBe('client-closed');
  });

  it('malformed-chunk: a broken event, then the rest of the stream', async () => {
    server.script({ kind: 'malformed-chunk', afterChunks: 1, chunks: ['x', 'y'] });
    const { events } = await readEvents(await post(true));
    expect(events[2]).toBe('{not json');
    expect(events.at(-1)).toBe('[DONE]');
    expect(events).toHaveLength(7);
  });

  it('missing-done: finish and usage, then the end without [DONE]', async () => {
    server.script({ kind: 'missing-done' });
    const { events } = await readEvents(await post(true));
    expect(events).not.toContain('[DONE]');
    expect(JSON.parse(events.at(-2)!)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
    expect(server.requests[0]?.end).toBe('completed');
  });

  it('stream-error: an in-stream error event after N pieces', async () => {
    server.script({ kind: 'stream-error', afterChunks: 1, error: { message: 'overloaded', type: 'server_error', code: 'overloaded' } });
    const { events } = await readEvents(await post(true));
    expect(events).toHaveLength(3);
    expect(JSON.parse(events[2]!)).toEqual({ error: { message: 'overloaded', type: 'server_error', code: 'overloaded', param: null } });
  });

  it('chunkDelayMs: pieces are sent one by one', async () => {
    server.script({ kind: 'ok', chunks: ['1', '2', '3'], chunkDelayMs: 10_000 });
    const response = await post(true);
    const reader = response.body!.getReader();
    await reader.read();
    expect(server.requests[0]).toMatchObject({ end: 'pending' });
    expect(server.requests[0]!.chunksSent).toBeLessThan(3);
    await reader.cancel();
    await expect(server.waitForEnd(server.requests[0]!)).resolves.toBe('client-closed');
  });

  it('non-stream requests get the JSON counterparts of stream failures', async () => {
    server.script({ kind: 'cut', afterChunks: 0 }, { kind: 'malformed-chunk', afterChunks: 0 }, { kind: 'stream-error', afterChunks: 0 });
    await expect((await post()).text()).rejects.toThrow(TypeError);
    await expect((await post()).json()).rejects.toThrow(SyntaxError);
    expect((await post()).status).toBe(500);
  });
});

describe('close', () => {
  it('destroys stalled and never-answered connections', async () => {
    const doomed = await startFakeOpenAIServer({ defaultScript: { kind: 'stall', afterChunks: 0 } });
    doomed.script({ kind: 'timeout' });
    const url = `${doomed.url}/chat/completions`;
    const init = { method: 'POST', body: chatBody(true) };
    const hanging = fetch(url, init).catch((e: unknown) => e);
    await doomed.waitForRequests(1);
    const stalled = await fetch(url, init);
    await doomed.waitForRequests(2);
    await doomed.close();
    expect(await hanging).toBeInstanceOf(TypeError);
    await expect(stalled.text()).rejects.toThrow(TypeError);
    expect(doomed.requests.map((r) => r.end)).toEqual(['server-closed', 'server-closed']);
  });
});
