import { describeVendorPlugin } from '@modelmesh/testing/vitest';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { describe, expect, it, vi } from 'vitest';
import { createDeepSeek, DEEPSEEK_MODELS, providerPlugin } from '../src/index.js';
import { sendJson, startServer } from './support/local-server.js';

const API_KEY = 'sk-deepseek-plugin-0001';
const suite = describeVendorPlugin({
  name: 'DeepSeek',
  plugin: providerPlugin,
  connector: 'deepseek.llm.v1',
  aliases: ['deepseek'],
  defaultId: 'deepseek',
  models: DEEPSEEK_MODELS,
  apiKeyEnv: 'DEEPSEEK_API_KEY',
  baseUrlEnv: 'DEEPSEEK_BASE_URL',
  apiKey: API_KEY,
  create,
  isKnownCapability: isKnown,
});

describe('providerPlugin', () => {
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
  it('has both models with context windows and cache-hit prices', () => {
    expect(DEEPSEEK_MODELS.map((m) => m.id)).toEqual(['deepseek-chat', 'deepseek-reasoner']);
    for (const model of DEEPSEEK_MODELS) {
      expect(model.contextWindow).toBe(131_072);
      expect(model.pricing?.cachedInput).toBeLessThan(model.pricing?.input ?? 0);
      expect(model.pricing?.output).toBeGreaterThan(0);
    }
    expect(DEEPSEEK_MODELS[1]?.maxOutputTokens).toBeGreaterThan(DEEPSEEK_MODELS[0]?.maxOutputTokens ?? 0);
  });
});
