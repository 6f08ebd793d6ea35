import { ManualClock, type RequestCompletedEvent, type RequestRoutedEvent } from '@modelmesh/core';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson, startFixture, whenEvent, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** The two new APIs: a body for the `chat` pool, and the path. */
const APIS = {
  responses: { path: '/responses', body: (extra: Record<string, unknown> = {}) => ({ model: 'chat', input: 'Hello there', ...extra }) },
  messages: { path: '/messages', body: (extra: Record<string, unknown> = {}) => ({ model: 'chat', max_tokens: 50, messages: [{ role: 'user', content: 'Hello there' }], ...extra }) },
} as const;

/** Named SSE events (`event:` then `data:`) of a whole body. */
async function namedEvents(response: Response): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [eventLine = '', dataLine = ''] = block.split('\n');
      return { event: eventLine.slice('event: '.length), data: JSON.parse(dataLine.slice('data: '.length)) as Record<string, unknown> };
    });
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

describe('the chat route machinery serves /v1/responses and /v1/messages too', () => {
  it.each(Object.entries(APIS))('%s: a stream cut after it started ends with the API\'s error events', async (api, { path, body }) => {
    fixture = await startFixture({ script: { type: 'stream-cut', chunks: ['half ', 'done'], afterChunks: 1 } });
    const response = await postJson(`${fixture.baseURL}${path}`, body({ stream: true }));
    expect(response.status).toBe(200);
    const events = await namedEvents(response);
    if (api === 'responses') {
      expect(events.slice(-2).map((e) => e.event)).toEqual(['error', 'response.failed']);
      // Their validity against the spec is checked in stream-encoders.property.test.ts.
      expect(events.at(-2)?.data).toMatchObject({ type: 'error', code: 'stream_interrupted' });
      expect(events.at(-1)?.data).toMatchObject({ response: { status: 'failed', error: { code: 'server_error' } } });
    } else {
      expect(events.at(-1)).toMatchObject({ event: 'error', data: { type: 'error', error: { type: 'api_error' } } });
      expect(events.map((e) => e.event)).not.toContain('message_stop');
    }
  });

  it.each(Object.entries(APIS))('%s: a client that leaves mid-stream aborts the upstream call (499 in the metrics)', async (api, { path, body }) => {
    fixture = await startFixture({ script: { type: 'stall', chunks: ['first ', 'never'], afterChunks: 1 } });
    const mesh = fixture.mesh;
    const completed = whenEvent<RequestCompletedEvent>((h) => mesh.on('request.completed', h));
    const client = new AbortController();
    const response = await fetch(`${fixture.baseURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body({ stream: true })), signal: client.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    while (!seen.includes('first ')) seen += new TextDecoder().decode((await reader.read()).value);
    client.abort();
    const event = await completed;
    expect(event.ok).toBe(false);
    expect(fixture.primary.provider.calls[0]?.status).not.toBe('pending');
    const handler = fixture.proxy.handler;
    if (handler.inFlight > 0) await new Promise<void>((resolve) => handler.onResponseDone(() => handler.inFlight === 0 && resolve()));
    expect(fixture.proxy.handler.metricsText()).toContain(`modelmesh_http_requests_total{endpoint="${api}",pool="chat",model="gpt-test",status="499"} 1`);
  });

  it.each(Object.entries(APIS))('%s: while draining, a new request is refused in the API\'s shape', async (api, { path, body }) => {
    fixture = await startFixture();
    fixture.proxy.handler.startDrain();
    const refused = await postJson(`${fixture.baseURL}${path}`, body());
    expect(refused.headers.get('retry-after')).toBe('1');
    if (api === 'messages') {
      expect(refused.status).toBe(529);
      expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    } else {
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: { code: 'shutting_down' } });
    }
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });

  it('a /v1/messages stream still running when the drain grace ends gets an overloaded_error event', async () => {
    const clock = new ManualClock();
    fixture = await startFixture({ clock, script: { type: 'stall', chunks: ['first ', 'never'], afterChunks: 1 } });
    const mesh = fixture.mesh;
    const routed = whenEvent<RequestRoutedEvent>((h) => mesh.on('request.routed', h));
    const streamed = postJson(`${fixture.baseURL}/messages`, APIS.messages.body({ stream: true }));
    await routed;
    const response = await streamed;
    const drained = fixture.proxy.drain(5_000);
    await clock.advance(5_000);
    const events = await namedEvents(response);
    expect(events[0]?.event).toBe('message_start');
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { type: 'error', error: { type: 'overloaded_error' } } });
    expect(await drained).toEqual({ completed: 0, aborted: 1 });
  });

  it('a body over the size limit is a 413 request_too_large in Anthropic\'s shape', async () => {
    fixture = await startFixture({ settings: { limits: { bodySizeBytes: 100 } } });
    const response = await postJson(`${fixture.baseURL}/messages`, APIS.messages.body({ system: 'x'.repeat(200) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });

  it('a key budget refuses /v1/messages with 429 rate_limit_error and Retry-After until the window resets', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 23, 0, 0));
    fixture = await startFixture({ clock, config: { proxy: { auth: { keys: [{ name: 'ci', key: 'sk-ci', budget: { limit_requests: 1, period: 'day' } }] } } } });
    expect((await postJson(`${fixture.baseURL}/messages`, APIS.messages.body(), { 'x-api-key': 'sk-ci' })).status).toBe(200);
    const refused = await postJson(`${fixture.baseURL}/messages`, APIS.messages.body(), { 'x-api-key': 'sk-ci' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });
});

describe('back-pressure signals', () => {
  it('successful chat answers carry the key\'s x-ratelimit-* headers', async () => {
    fixture = await startFixture({ config: { proxy: { auth: { keys: [{ name: 'app', key: 'sk-app', rpm: 3 }] } } } });
    const first = await postJson(`${fixture.baseURL}/chat/completions`, { model: 'chat', messages: [{ role: 'user', content: 'Hi' }] }, auth('sk-app'));
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('2');
    expect(first.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+s$/);
  });

  it('a 429 whose upstream named no wait gets Retry-After from the earliest recovery of the pool', async () => {
    const clock = new ManualClock();
    const pools = { chat: { capability: 'chat-completion', deactivation: { failure_threshold: 1 }, recovery: { cooldown: '45s', jitter: 0, wait_for_recovery: false }, retry: { max_attempts_per_model: 1 } } };
    fixture = await startFixture({ clock, script: { type: 'http', status: 429 }, config: { pools } });
    const response = await postJson(`${fixture.baseURL}/responses`, APIS.responses.body());
    expect(response.status).toBe(429);
    const until = fixture.mesh.poolStatus()['chat']?.models[0]?.until ?? 0;
    expect(until).toBeGreaterThan(clock.now());
    expect(response.headers.get('retry-after')).toBe(String(Math.ceil((until - clock.now()) / 1000)));
  });
});
