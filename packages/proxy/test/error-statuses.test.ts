import { request } from 'node:http';
import { ManualClock, NoActiveModelError, type RequestRoutedEvent } from '@modelmesh/core';
import { afterEach, describe, expect, it } from 'vitest';
import { chatBody, postJson, startFixture, whenEvent, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

type ErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

/** One model that, once failed, stays in standby for 30 s (no jitter) and is not waited for. */
const coolingPool = { chat: { capability: 'chat-completion', deactivation: { failure_threshold: 1 }, recovery: { cooldown: '30s', jitter: 0, wait_for_recovery: false }, retry: { max_attempts_per_model: 1 } } };

describe('error statuses', () => {
  it('429 with Retry-After when every model is cooling down', async () => {
    const clock = new ManualClock();
    fixture = await startFixture({ clock, script: { type: 'http', status: 500 }, config: { pools: coolingPool } });
    const first = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(first.status).toBe(502);
    const second = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('30');
    expect(((await second.json()) as ErrorBody).error).toMatchObject({ type: 'rate_limit_error', code: 'models_cooling_down' });
  });

  it('429 with the upstream Retry-After when the providers rate-limited every attempt', async () => {
    fixture = await startFixture({ script: { type: 'http', status: 429, headers: { 'retry-after': '20' } }, config: { pools: { chat: { capability: 'chat-completion', recovery: { wait_for_recovery: false } } } } });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('20');
    expect(((await response.json()) as ErrorBody).error.code).toBe('rate_limit_exceeded');
  });

  it('503 when no model is active and none is due back', async () => {
    // An open-ended (manual) standby has no recovery time; the mesh reports it as NoActiveModelError without retryAfter.
    fixture = await startFixture({ script: { type: 'error', error: new NoActiveModelError({ poolName: 'chat' }) } });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ type: 'server_error', code: 'no_active_model' });
  });

  it('502 when every attempt failed', async () => {
    fixture = await startFixture({ script: { type: 'http', status: 500 }, config: { pools: { chat: { capability: 'chat-completion', retry: { backoff: 'none', max_attempts: 2 } } } } });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(response.status).toBe(502);
    expect(response.headers.get('x-modelmesh-attempts')).toBe('2');
    const { error } = (await response.json()) as ErrorBody;
    expect(error).toMatchObject({ type: 'server_error', code: 'upstream_error' });
    expect(error.message).toContain('All 2 attempts');
  });

  it('504 when the request deadline passes', async () => {
    const clock = new ManualClock();
    fixture = await startFixture({ clock, script: { type: 'timeout' }, config: { pools: { chat: { capability: 'chat-completion', timeouts: { request: '5s', attempt: '60s' } } } } });
    const mesh = fixture.mesh;
    const routed = whenEvent<RequestRoutedEvent>((h) => mesh.on('request.routed', h));
    const pending = postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    await routed;
    await clock.advance(5_000);
    const response = await pending;
    expect(response.status).toBe(504);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ type: 'server_error', code: 'timeout' });
  });

  it('400 context_length_exceeded when the prompt fits no model', async () => {
    fixture = await startFixture({ script: { type: 'http', status: 400, body: { error: { code: 'context_length_exceeded', message: 'too long' } } } });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ param: 'messages', code: 'context_length_exceeded' });
  });

  it('429 insufficient_quota when a key budget is spent, with Retry-After until its window resets', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 23, 0, 0));
    fixture = await startFixture({ clock, config: { proxy: { auth: { keys: [{ name: 'ci', key: 'sk-ci', budget: { limit_requests: 1, period: 'day' } }] } } } });
    const auth = { authorization: 'Bearer sk-ci' };
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), auth)).status).toBe(200);
    const refused = await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), auth);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({ type: 'insufficient_quota', code: 'insufficient_quota' });
    expect(fixture.primary.provider.calls).toHaveLength(1);
  });

  it('tells clients not to retry a budget that never resets', async () => {
    fixture = await startFixture({ config: { proxy: { auth: { keys: [{ name: 'trial', key: 'sk-trial', budget: { limit_requests: 1, period: 'total' } }] } } } });
    const auth = { authorization: 'Bearer sk-trial' };
    await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), auth);
    const refused = await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), auth);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-should-retry')).toBe('false');
    expect(refused.headers.get('retry-after')).toBeNull();
  });

  it('413 on a Content-Length over the limit, before reading the body', async () => {
    fixture = await startFixture({ settings: { limits: { bodySizeBytes: 100 } } });
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ padding: 'x'.repeat(200) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('request_too_large');
  });

  it('413 as soon as a chunked body passes the limit, while the client is still sending', async () => {
    fixture = await startFixture({ settings: { limits: { bodySizeBytes: 100 } } });
    const url = new URL(`${fixture.baseURL}/chat/completions`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      // 150 bytes, and the request is never ended: only an early 413 can answer it.
      req.write(`{"model":"chat","padding":"${'x'.repeat(150)}`);
    });
    expect(status).toBe(413);
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });
});
