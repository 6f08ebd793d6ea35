import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDeepSeek, DEEPSEEK_MODELS, providerPlugin } from '../src/index.js';
import { sendJson, startServer } from './support/local-server.js';

const API_KEY = 'sk-deepseek-plugin-0001';
let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer({ apiKey: API_KEY });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  server.reset();
});

describe('providerPlugin', () => {
  it('declares DeepSeek for config and detection', () => {
    expect(providerPlugin.connector).toBe('deepseek.llm.v1');
    expect(providerPlugin.aliases).toEqual(['deepseek']);
    expect(providerPlugin.envVars).toEqual(['DEEPSEEK_API_KEY']);
    expect(providerPlugin.defaultId).toBe('deepseek');
    expect(providerPlugin.models).toBe(DEEPSEEK_MODELS);
  });

  it('detects DeepSeek from DEEPSEEK_API_KEY, with DEEPSEEK_BASE_URL', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ DEEPSEEK_BASE_URL: 'http://x/v1' })).toBeUndefined();
    expect(providerPlugin.detect?.({ DEEPSEEK_API_KEY: 'sk-1' })).toEqual({ apiKey: 'sk-1' });
    expect(providerPlugin.detect?.({ DEEPSEEK_API_KEY: 'sk-1', DEEPSEEK_BASE_URL: 'http://x/v1' })).toEqual({ apiKey: 'sk-1', baseUrl: 'http://x/v1' });
  });

  it('creates from config options and the env it is given, never from process.env', () => {
    vi.stubEnv('DEEPSEEK_BASE_URL', 'http://from-process.test/v1');
    const provider = providerPlugin.create({ id: 'ds', apiKey: 'k' }) as ReturnType<typeof createDeepSeek>;
    expect(provider.id).toBe('ds');
    expect(provider.connector).toBe('deepseek.llm.v1');
    expect(provider.baseUrl).toBe('https://api.deepseek.com/v1');
    expect(createDeepSeek({ env: { DEEPSEEK_BASE_URL: 'http://env.test/v1' } }).baseUrl).toBe('http://env.test/v1');
  });
});

describe('create() from modelmesh with DEEPSEEK_API_KEY and DEEPSEEK_BASE_URL set', () => {
  it('answers chat through a default DeepSeek model (the README example)', async () => {
    vi.stubEnv('DEEPSEEK_API_KEY', API_KEY);
    vi.stubEnv('DEEPSEEK_BASE_URL', server.url);
    const client = create('chat-completion', { plugins: [providerPlugin] });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hello!' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
      expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
      expect(['deepseek-chat', 'deepseek-reasoner']).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });

  it('bills cache hits at the cache-hit price', async () => {
    const local = await startServer((_req, res) =>
      sendJson(res, {
        id: 'ds-1',
        object: 'chat.completion',
        created: 1,
        model: 'deepseek-chat',
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100, prompt_cache_hit_tokens: 800, prompt_cache_miss_tokens: 200 },
      }),
    );
    const client = create('chat', {
      plugins: [providerPlugin],
      env: { DEEPSEEK_API_KEY: API_KEY },
      config: {
        providers: { deepseek: { connector: 'deepseek', api_key: '${DEEPSEEK_API_KEY}', base_url: local.url } },
        models: { chat: { provider: 'deepseek', model: 'deepseek-chat' } },
        pools: { chat: { capability: 'chat-completion' } },
      },
    });
    try {
      await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      // 200 misses × $0.28 + 800 hits × $0.028 + 100 outputs × $0.42, per 1M tokens.
      expect(client.usage.totalCost).toBeCloseTo((200 * 0.28 + 800 * 0.028 + 100 * 0.42) / 1e6, 12);
    } finally {
      await client.close();
      await local.close();
    }
  });
});

describe('DEEPSEEK_MODELS', () => {
  it('has both models with known capabilities, context windows and cache-hit prices', () => {
    expect(DEEPSEEK_MODELS.map((m) => m.id)).toEqual(['deepseek-chat', 'deepseek-reasoner']);
    for (const model of DEEPSEEK_MODELS) {
      for (const capability of model.capabilities) expect(isKnown(capability), `${model.id}: ${capability}`).toBe(true);
      expect(model.contextWindow).toBe(131_072);
      expect(model.pricing?.cachedInput).toBeLessThan(model.pricing?.input ?? 0);
      expect(model.pricing?.output).toBeGreaterThan(0);
    }
    expect(DEEPSEEK_MODELS[1]?.maxOutputTokens).toBeGreaterThan(DEEPSEEK_MODELS[0]?.maxOutputTokens ?? 0);
  });
});

describe('as an installed package', () => {
  it('is found by create() without being passed as a plugin', async () => {
    const client = create('chat-completion', { env: { DEEPSEEK_API_KEY: API_KEY, DEEPSEEK_BASE_URL: server.url } });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Found' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Found');
      expect(DEEPSEEK_MODELS.map((m) => m.id)).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });
});
