import { describeVendorPlugin } from '@modelmesh/testing/vitest';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { describe, expect, it, vi } from 'vitest';
import { createGroq, GROQ_MODELS, providerPlugin } from '../src/index.js';

const API_KEY = 'gsk_plugin_key_0001';
const suite = describeVendorPlugin({
  name: 'Groq',
  plugin: providerPlugin,
  connector: 'groq.llm.v1',
  aliases: ['groq', 'groq.api.v1', 'groq.inference.v1'],
  defaultId: 'groq',
  models: GROQ_MODELS,
  apiKeyEnv: 'GROQ_API_KEY',
  baseUrlEnv: 'GROQ_BASE_URL',
  apiKey: API_KEY,
  create,
  isKnownCapability: isKnown,
});

describe('providerPlugin', () => {
  it('creates from config options and the env it is given, never from process.env', () => {
    vi.stubEnv('GROQ_BASE_URL', 'http://from-process.test/v1');
    const provider = providerPlugin.create({ id: 'groq-2', apiKey: 'k' }) as ReturnType<typeof createGroq>;
    expect(provider.id).toBe('groq-2');
    expect(provider.connector).toBe('groq.llm.v1');
    expect(provider.baseUrl).toBe('https://api.groq.com/openai/v1');
    expect((providerPlugin.create({ id: 'groq', env: { GROQ_BASE_URL: 'http://env.test/v1' } }) as ReturnType<typeof createGroq>).baseUrl).toBe('http://env.test/v1');
  });

  it('createGroq reads GROQ_API_KEY and GROQ_BASE_URL from the env it is given', async () => {
    const provider = createGroq({ env: { GROQ_API_KEY: API_KEY, GROQ_BASE_URL: suite.server.url } });
    expect(provider.id).toBe('groq');
    expect(provider.models).toEqual(GROQ_MODELS);
    await provider.chat({ model: 'llama-3.1-8b-instant', messages: [{ role: 'user', content: 'x' }] }, { signal: new AbortController().signal, timeouts: {} });
    expect(suite.server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });
});

describe('create() from modelmesh with GROQ_API_KEY and GROQ_BASE_URL set', () => {
  it('streams', async () => {
    const client = create('chat-completion', { plugins: [providerPlugin], env: { GROQ_API_KEY: API_KEY, GROQ_BASE_URL: suite.server.url } });
    try {
      const stream = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Tell me' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Echo: Tell me');
    } finally {
      await client.close();
    }
  });

  it("accepts the original project's groq.api.v1 as the connector", async () => {
    const client = create('chat', {
      plugins: [providerPlugin],
      env: {},
      config: {
        providers: { groq: { connector: 'groq.api.v1', api_key: API_KEY, base_url: suite.server.url } },
        models: { fast: { provider: 'groq', model: 'llama-3.1-8b-instant' } },
        pools: { chat: { capability: 'chat-completion' } },
      },
    });
    try {
      const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hi');
      expect(suite.server.requests[0]?.model).toBe('llama-3.1-8b-instant');
    } finally {
      await client.close();
    }
  });
});

describe('GROQ_MODELS', () => {
  it('gives every model prices, a context window and free-tier limits', () => {
    for (const model of GROQ_MODELS) {
      expect(model.capabilities, model.id).toContain('chat-completion');
      expect(model.pricing?.input, model.id).toBeGreaterThan(0);
      expect(model.pricing?.output, model.id).toBeGreaterThan(0);
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
      // Left out so that free-tier TPM quotas can reserve requests without max_tokens (see groq-models.ts).
      expect(model.maxOutputTokens, model.id).toBeUndefined();
      for (const key of ['rpm', 'rpd', 'tpm', 'tpd'] as const) expect(model.limits?.[key], `${model.id} ${key}`).toBeGreaterThan(0);
    }
  });

  it('has the published free-tier limits of the flagship models', () => {
    const byId = new Map(GROQ_MODELS.map((m) => [m.id, m]));
    expect(byId.get('llama-3.3-70b-versatile')?.limits).toEqual({ rpm: 30, rpd: 1_000, tpm: 12_000, tpd: 100_000 });
    expect(byId.get('openai/gpt-oss-120b')?.limits).toEqual({ rpm: 30, rpd: 1_000, tpm: 8_000, tpd: 200_000 });
    expect(byId.get('meta-llama/llama-4-scout-17b-16e-instruct')?.features?.vision).toBe(true);
  });
});
