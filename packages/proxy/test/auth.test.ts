import { createHash } from 'node:crypto';
import { createMesh, ConfigurationError, ManualClock } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxy } from '../src/index.js';
import { KeyTable } from '../src/auth/key-table.js';
import { isLoopback } from '../src/auth/loopback.js';
import { chatBody, postJson, startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const keys = [
  { name: 'web', key: 'sk-web-plain' },
  { name: 'ci', key_sha256: sha('sk-ci-hashed'), pools: ['chat'] },
  { name: 'batch', key: 'sk-batch', pools: ['embed'], rpm: 2 },
];

describe('authentication', () => {
  it('accepts several named keys, plain and SHA-256-hashed, and reports the mode at start', async () => {
    fixture = await startFixture({ config: { proxy: { auth: { keys } } } });
    expect(fixture.proxy.auth).toEqual({ mode: 'keys', keys: ['web', 'ci', 'batch'] });
    expect(fixture.messages.find((m) => m.code === 'auth')?.text).toBe('auth: bearer keys required (3: web, ci, batch)');
    for (const secret of ['sk-web-plain', 'sk-ci-hashed']) {
      const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), { authorization: `Bearer ${secret}` });
      expect(response.status).toBe(200);
    }
  });

  it('answers 401 without a key, with a wrong key, and with the hash instead of the key', async () => {
    fixture = await startFixture({ config: { proxy: { auth: { keys } } } });
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer sk-wrong' }, { authorization: `Bearer ${sha('sk-ci-hashed')}` }, { authorization: 'sk-web-plain' }]) {
      const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), headers);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string; type: string } }).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
    }
    expect((await fetch(`${fixture.baseURL}/models`)).status).toBe(401);
    expect((await fetch(`${fixture.proxy.url}/metrics`)).status).toBe(401);
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });

  it('leaves the health probes open', async () => {
    fixture = await startFixture({ config: { proxy: { auth: { keys } } } });
    expect((await fetch(`${fixture.proxy.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${fixture.proxy.url}/readyz`)).status).toBe(200);
  });

  it('answers 403 when the key may not use the pool, also when the pool is named by its capability', async () => {
    fixture = await startFixture({ config: { proxy: { auth: { keys } } } });
    const ci = { authorization: 'Bearer sk-ci-hashed' };
    for (const model of ['embed', 'text-embeddings']) {
      const response = await postJson(`${fixture.baseURL}/embeddings`, { model, input: 'hi' }, ci);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string; param: string } }).error).toMatchObject({ code: 'model_not_allowed', param: 'model' });
    }
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ model: 'chat-completion' }), ci)).status).toBe(200);
    expect((await postJson(`${fixture.baseURL}/embeddings`, { model: 'embed', input: 'hi' }, { authorization: 'Bearer sk-batch' })).status).toBe(200);
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), { authorization: 'Bearer sk-batch' })).status).toBe(403);
  });

  it('lists only the pools a key may use', async () => {
    fixture = await startFixture({ config: { proxy: { auth: { keys } } } });
    const list = async (secret: string) =>
      ((await (await fetch(`${fixture?.baseURL}/models`, { headers: { authorization: `Bearer ${secret}` } })).json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
    expect(await list('sk-web-plain')).toEqual(['chat', 'embed']);
    expect(await list('sk-ci-hashed')).toEqual(['chat']);
    const pools = (await (await fetch(`${fixture.baseURL}/pools`, { headers: { authorization: 'Bearer sk-batch' } })).json()) as { pools: Record<string, unknown> };
    expect(Object.keys(pools.pools)).toEqual(['embed']);
  });

  it("limits a key's requests per minute with 429 and Retry-After until the window resets", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 15));
    fixture = await startFixture({ clock, config: { proxy: { auth: { keys } } } });
    const send = () => postJson(`${fixture?.baseURL}/embeddings`, { model: 'embed', input: 'hi' }, { authorization: 'Bearer sk-batch' });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    // Other keys have their own limits.
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody(), { authorization: 'Bearer sk-web-plain' })).status).toBe(200);
    await clock.advance(45_000);
    expect((await send()).status).toBe(200);
  });

  it('runs without keys on loopback, saying so at start', async () => {
    fixture = await startFixture();
    expect(fixture.proxy.auth.mode).toBe('off');
    const line = fixture.messages.find((m) => m.code === 'auth');
    expect(line).toMatchObject({ level: 'warn' });
    expect(line?.text).toContain('auth: OFF');
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody())).status).toBe(200);
  });

  it('refuses to start without keys on an address that accepts remote clients', async () => {
    const mesh = createMesh({ providers: [mockProviderEntry({ id: 'p', models: ['m'] })] });
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      const error = await startProxy({ mesh, host, port: 0, log: () => {} }).catch((e: unknown) => e);
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as ConfigurationError).issues[0]?.path).toBe('proxy.auth.keys');
    }
    await mesh.close();
  });
});

describe('key table', () => {
  it('matches plain, hashed and sha256:-prefixed keys, and nothing else', () => {
    const table = new KeyTable([
      { name: 'a', key: 'alpha' },
      { name: 'b', keySha256: sha('bravo') },
      { name: 'c', key: `sha256:${sha('charlie')}` },
    ]);
    expect(table.match('alpha')?.name).toBe('a');
    expect(table.match('bravo')?.name).toBe('b');
    expect(table.match('charlie')?.name).toBe('c');
    expect(table.match('alph')).toBeUndefined();
    expect(table.match(sha('bravo'))).toBeUndefined();
    expect(table.match('')).toBeUndefined();
  });

  it('tells loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', 'localhost', '::ffff:127.0.0.1', '[::1]']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '', '10.0.0.1', '::ffff:10.0.0.1', 'example.com', undefined]) expect(isLoopback(host)).toBe(false);
  });
});
