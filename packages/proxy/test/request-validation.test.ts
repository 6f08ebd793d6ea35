import { createMesh, loadConfig } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxy, type ProxyMessage } from '../src/index.js';
import { BASE_POOLS, CHAT_MODEL, chatBody, postJson, startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** `levels` arrays nested in one another. */
function nested(levels: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

describe('JSON nesting depth', () => {
  it('a body nested 10,000 arrays deep is a 400 before any provider is called, and the model stays healthy', async () => {
    fixture = await startFixture();
    // Written by hand: JSON.stringify itself overflows its stack on this.
    const deep = `{"model":"chat","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}`;
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${fixture.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'json_too_deep' });
      expect(body.error.message).toMatch(/nested more than 64 levels/);
    }
    expect(fixture.primary.provider.calls).toHaveLength(0);
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody())).status).toBe(200);
  });

  it('64 levels are accepted and 65 are not (the body object is level 1)', async () => {
    fixture = await startFixture();
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ extra: nested(63) }))).status).toBe(200);
    expect((await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ extra: nested(64) }))).status).toBe(400);
  });
});

describe('malformed content parts', () => {
  it.each([
    ['a null part', [null], 'messages[0].content[0]'],
    ['a text part without text', [{ type: 'text', text: 'a' }, { type: 'text' }], 'messages[0].content[1].text'],
    ['a text part whose text is a number', [{ type: 'text', text: 5 }], 'messages[0].content[0].text'],
    ['a part without a type', [{ text: 'a' }], 'messages[0].content[0].type'],
    ['an image part without a url', [{ type: 'image_url', image_url: {} }], 'messages[0].content[0].image_url.url'],
  ])('%s is a 400 naming its path, not a 500', async (_name, content, param) => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/chat/completions`, { model: 'chat', messages: [{ role: 'user', content }] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ type: 'invalid_request_error', param, code: 'invalid_value' });
    expect(fixture.primary.provider.calls).toHaveLength(0);
  });

  it.each([
    ['max_tokens', 'x'],
    ['max_tokens', -1e9],
    ['temperature', '0.5'],
    ['n', 1.5],
  ])('%s = %j is a 400 naming the field', async (field, value) => {
    fixture = await startFixture();
    const response = await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ [field]: value }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ param: field, code: 'invalid_value' });
  });
});

describe('every 500 is logged', () => {
  it('with its request id (also sent to the client) and redacted', async () => {
    const primary = mockProviderEntry({ id: 'primary', models: [CHAT_MODEL] });
    const config = loadConfig({ pools: BASE_POOLS }, { knownProviders: ['primary'] });
    // A token counter that crashes: a fault inside the server, which must not pass silently.
    const mesh = createMesh({
      config,
      providers: [{ provider: primary.provider, models: [...primary.models] }],
      countTokens: () => {
        throw new TypeError('tokenizer broke on sk-live1234567890abcdef');
      },
    });
    const messages: ProxyMessage[] = [];
    const proxy = await startProxy({ mesh, settings: { port: 0 }, log: (m) => messages.push(m) });
    try {
      const response = await postJson(`${proxy.url}/v1/chat/completions`, chatBody());
      expect(response.status).toBe(500);
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      const logged = messages.filter((m) => m.code === 'internal-error');
      expect(logged).toHaveLength(1);
      expect(logged[0]?.level).toBe('error');
      expect(logged[0]?.text).toContain(`request ${requestId ?? '?'}`);
      expect(logged[0]?.text).toContain('POST /v1/chat/completions');
      expect(logged[0]?.text).toContain('TypeError: tokenizer broke on');
      expect(logged[0]?.text).not.toContain('sk-live1234567890abcdef');
      // The client's answer never echoes the internals.
      expect(JSON.stringify(await response.json())).not.toContain('tokenizer');
    } finally {
      await proxy.close();
      await mesh.close();
    }
  });

  it('4xx and 502 answers are not logged as internal errors', async () => {
    fixture = await startFixture({ script: [{ type: 'http', status: 500 }] });
    await postJson(`${fixture.baseURL}/chat/completions`, chatBody({ max_tokens: 'x' }));
    await postJson(`${fixture.baseURL}/chat/completions`, chatBody());
    expect(fixture.messages.filter((m) => m.code === 'internal-error')).toEqual([]);
  });
});
