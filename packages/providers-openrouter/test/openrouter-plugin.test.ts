import { describeVendorPlugin } from '@modelmesh/testing/vitest';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { describe, expect, it, vi } from 'vitest';
import { createOpenRouter, OPENROUTER_MODELS, providerPlugin } from '../src/index.js';
import { sendJson, sendSse, startServer } from './support/local-server.js';

const API_KEY = 'sk-or-v1-plugin-0001';
const suite = describeVendorPlugin({
  name: 'OpenRouter',
  plugin: providerPlugin,
  connector: 'openrouter.llm.v1',
  aliases: ['openrouter', 'openrouter.api.v1'],
  defaultId: 'openrouter',
  models: OPENROUTER_MODELS,
  apiKeyEnv: 'OPENROUTER_API_KEY',
  baseUrlEnv: 'OPENROUTER_BASE_URL',
  apiKey: API_KEY,
  create,
  isKnownCapability: isKnown,
});

describe('providerPlugin', () => {
  it('is not detected from OPENROUTER_SITE_URL alone', () => {
    expect(providerPlugin.detect?.({ OPENROUTER_SITE_URL: 'https://x' })).toBeUndefined();
  });

  it('takes site_url, app_name and usage_accounting from config options, over the env', async () => {
    const provider = providerPlugin.create({
      id: 'or',
      apiKey: API_KEY,
      baseUrl: suite.server.url,
      options: { site_url: 'https://cfg.example', usage_accounting: false },
      env: { OPENROUTER_SITE_URL: 'https://env.example', OPENROUTER_APP_NAME: 'Env App' },
    });
    expect(provider.id).toBe('or');
    expect(provider.connector).toBe('openrouter.llm.v1');
    await provider.chat({ model: 'openai/gpt-4o-mini', messages: [] }, { signal: new AbortController().signal, timeouts: {} });
    expect(suite.server.requests[0]?.headers['http-referer']).toBe('https://cfg.example');
    expect(suite.server.requests[0]?.headers['x-title']).toBe('Env App');
    expect(suite.server.requests[0]?.body).toEqual({ model: 'openai/gpt-4o-mini', messages: [] });
  });

  it('never reads process.env itself', () => {
    vi.stubEnv('OPENROUTER_BASE_URL', 'http://from-process.test/v1');
    expect((providerPlugin.create({ id: 'openrouter', apiKey: 'k' }) as ReturnType<typeof createOpenRouter>).baseUrl).toBe('https://openrouter.ai/api/v1');
  });
});

describe('create() from modelmesh with OPENROUTER_API_KEY and OPENROUTER_BASE_URL set', () => {
  it('bills the usage.cost OpenRouter reports, for answers and streams', async () => {
    const usage = { prompt_tokens: 1000, completion_tokens: 1000, total_tokens: 2000, cost: 0.0123 };
    const base = { id: 'gen-1', model: 'anthropic/claude-sonnet-4', created: 1 };
    const local = await startServer((_req, res, body) => {
      if ((body as { stream?: boolean }).stream) {
        sendSse(res, [
          { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] },
          { ...base, object: 'chat.completion.chunk', choices: [], usage },
        ]);
      } else {
        sendJson(res, { ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage });
      }
    });
    const client = create('chat', {
      plugins: [providerPlugin],
      env: { OPENROUTER_API_KEY: API_KEY },
      config: {
        providers: { openrouter: { connector: 'openrouter.api.v1', base_url: local.url } },
        models: { sonnet: { provider: 'openrouter', model: 'anthropic/claude-sonnet-4' } },
        pools: { chat: { capability: 'chat-completion' } },
      },
    });
    try {
      await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      // Not the $0.018 the listed prices would give: the reported cost wins.
      expect(client.usage.totalCost).toBeCloseTo(0.0123, 10);
      const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      for await (const _chunk of stream) {
        // drain
      }
      expect(client.usage.totalCost).toBeCloseTo(0.0246, 10);
      expect(local.requests.map((r) => (r.body as { usage?: unknown }).usage)).toEqual([{ include: true }, { include: true }]);
    } finally {
      await client.close();
      await local.close();
    }
  });
});

describe('OPENROUTER_MODELS', () => {
  it('gives every model a context window; the free model is free and limited', () => {
    for (const model of OPENROUTER_MODELS) {
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
      expect(model.pricing?.input, model.id).toBeDefined();
      if (model.id.endsWith(':free')) {
        expect(model.pricing).toEqual({ input: 0, output: 0 });
        expect(model.limits).toEqual({ rpm: 20, rpd: 50 });
      } else {
        expect(model.pricing?.input, model.id).toBeGreaterThan(0);
      }
    }
    expect(OPENROUTER_MODELS.map((m) => m.id)).toEqual(['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4', 'google/gemini-2.5-flash', 'meta-llama/llama-3.3-70b-instruct:free']);
  });
});
