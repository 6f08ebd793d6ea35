import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpenRouter, OPENROUTER_MODELS, providerPlugin } from '../src/index.js';
import { sendJson, sendSse, startServer } from './support/local-server.js';

const API_KEY = 'sk-or-v1-plugin-0001';
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
  it("declares OpenRouter for config and detection, with the original project's id", () => {
    expect(providerPlugin.connector).toBe('openrouter.llm.v1');
    expect(providerPlugin.aliases).toEqual(['openrouter', 'openrouter.api.v1']);
    expect(providerPlugin.envVars).toEqual(['OPENROUTER_API_KEY']);
    expect(providerPlugin.defaultId).toBe('openrouter');
    expect(providerPlugin.models).toBe(OPENROUTER_MODELS);
  });

  it('detects OpenRouter from OPENROUTER_API_KEY, with OPENROUTER_BASE_URL', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ OPENROUTER_SITE_URL: 'https://x' })).toBeUndefined();
    expect(providerPlugin.detect?.({ OPENROUTER_API_KEY: 'sk-or-1' })).toEqual({ apiKey: 'sk-or-1' });
    expect(providerPlugin.detect?.({ OPENROUTER_API_KEY: 'sk-or-1', OPENROUTER_BASE_URL: 'http://x/api/v1' })).toEqual({ apiKey: 'sk-or-1', baseUrl: 'http://x/api/v1' });
  });

  it('takes site_url, app_name and usage_accounting from config options, over the env', async () => {
    const provider = providerPlugin.create({
      id: 'or',
      apiKey: API_KEY,
      baseUrl: server.url,
      options: { site_url: 'https://cfg.example', usage_accounting: false },
      env: { OPENROUTER_SITE_URL: 'https://env.example', OPENROUTER_APP_NAME: 'Env App' },
    });
    expect(provider.id).toBe('or');
    expect(provider.connector).toBe('openrouter.llm.v1');
    await provider.chat({ model: 'openai/gpt-4o-mini', messages: [] }, { signal: new AbortController().signal, timeouts: {} });
    expect(server.requests[0]?.headers['http-referer']).toBe('https://cfg.example');
    expect(server.requests[0]?.headers['x-title']).toBe('Env App');
    expect(server.requests[0]?.body).toEqual({ model: 'openai/gpt-4o-mini', messages: [] });
  });

  it('never reads process.env itself', () => {
    vi.stubEnv('OPENROUTER_BASE_URL', 'http://from-process.test/v1');
    expect((providerPlugin.create({ id: 'openrouter', apiKey: 'k' }) as ReturnType<typeof createOpenRouter>).baseUrl).toBe('https://openrouter.ai/api/v1');
  });
});

describe('create() from modelmesh with OPENROUTER_API_KEY and OPENROUTER_BASE_URL set', () => {
  it('answers chat through a default OpenRouter model (the README example)', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', API_KEY);
    vi.stubEnv('OPENROUTER_BASE_URL', server.url);
    vi.stubEnv('OPENROUTER_APP_NAME', 'README');
    const client = create('chat-completion', { plugins: [providerPlugin] });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hello!' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
      expect(server.requests[0]?.headers['x-title']).toBe('README');
      expect(OPENROUTER_MODELS.map((m) => m.id)).toContain(server.requests[0]?.model);
      expect(server.requests[0]?.body).toMatchObject({ usage: { include: true } });
    } finally {
      await client.close();
    }
  });

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
  it('uses known capability names, unique ids and context windows; the free model is free and limited', () => {
    expect(new Set(OPENROUTER_MODELS.map((m) => m.id)).size).toBe(OPENROUTER_MODELS.length);
    for (const model of OPENROUTER_MODELS) {
      for (const capability of model.capabilities) expect(isKnown(capability), `${model.id}: ${capability}`).toBe(true);
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

describe('as an installed package', () => {
  it('is found by create() without being passed as a plugin', async () => {
    const client = create('chat-completion', { env: { OPENROUTER_API_KEY: API_KEY, OPENROUTER_BASE_URL: server.url } });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Found' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Found');
      expect(OPENROUTER_MODELS.map((m) => m.id)).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });
});
