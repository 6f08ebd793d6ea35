import { describeVendorPlugin } from '@modelmesh/testing/vitest';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { describe, expect, it, vi } from 'vitest';
import { createMistral, MISTRAL_MODELS, providerPlugin } from '../src/index.js';

const API_KEY = 'mistral-plugin-key-0001';
const suite = describeVendorPlugin({
  name: 'Mistral',
  plugin: providerPlugin,
  connector: 'mistral.llm.v1',
  aliases: ['mistral'],
  defaultId: 'mistral',
  models: MISTRAL_MODELS,
  apiKeyEnv: 'MISTRAL_API_KEY',
  baseUrlEnv: 'MISTRAL_BASE_URL',
  apiKey: API_KEY,
  create,
  isKnownCapability: isKnown,
});

describe('providerPlugin', () => {
  it('creates from config options and the env it is given, never from process.env', () => {
    vi.stubEnv('MISTRAL_BASE_URL', 'http://from-process.test/v1');
    const fromConfig = providerPlugin.create({ id: 'mistral-eu', apiKey: 'k', baseUrl: 'http://cfg.test/v1' }) as ReturnType<typeof createMistral>;
    expect(fromConfig.id).toBe('mistral-eu');
    expect(fromConfig.connector).toBe('mistral.llm.v1');
    expect(fromConfig.baseUrl).toBe('http://cfg.test/v1');
    const fromEnv = providerPlugin.create({ id: 'mistral', env: { MISTRAL_BASE_URL: 'http://env.test/v1' } }) as ReturnType<typeof createMistral>;
    expect(fromEnv.baseUrl).toBe('http://env.test/v1');
    const bare = providerPlugin.create({ id: 'mistral', env: {} }) as ReturnType<typeof createMistral>;
    expect(bare.baseUrl).toBe('https://api.mistral.ai/v1');
  });

  it('createMistral defaults to api.mistral.ai and reads MISTRAL_API_KEY from the env it is given', async () => {
    expect(createMistral({ env: {} }).baseUrl).toBe('https://api.mistral.ai/v1');
    const provider = createMistral({ env: { MISTRAL_API_KEY: API_KEY, MISTRAL_BASE_URL: suite.server.url } });
    expect(provider.id).toBe('mistral');
    expect(provider.models).toEqual(MISTRAL_MODELS);
    await provider.chat({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'x' }] }, { signal: new AbortController().signal, timeouts: {} });
    expect(suite.server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });
});

describe('create() from modelmesh with MISTRAL_API_KEY and MISTRAL_BASE_URL set', () => {
  it('serves embeddings with mistral-embed', async () => {
    const client = create('text-embeddings', { plugins: [providerPlugin], env: { MISTRAL_API_KEY: API_KEY, MISTRAL_BASE_URL: suite.server.url } });
    try {
      const result = await client.embeddings.create({ model: 'text-embeddings', input: ['a', 'b'] });
      expect(result.data).toHaveLength(2);
      expect(suite.server.requests[0]?.model).toBe('mistral-embed');
    } finally {
      await client.close();
    }
  });

  it('accepts the mistral alias as a connector in config', async () => {
    const client = create('chat', {
      plugins: [providerPlugin],
      env: { MY_KEY: API_KEY },
      config: {
        providers: { eu: { connector: 'mistral', api_key: '${MY_KEY}', base_url: suite.server.url } },
        models: { large: { provider: 'eu', model: 'mistral-large-latest' } },
        pools: { chat: { capability: 'chat-completion' } },
      },
    });
    try {
      const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hi');
      expect(suite.server.requests[0]?.model).toBe('mistral-large-latest');
    } finally {
      await client.close();
    }
  });
});

describe('MISTRAL_MODELS', () => {
  it('gives every model prices and a context window', () => {
    for (const model of MISTRAL_MODELS) {
      expect(model.pricing?.input, model.id).toBeGreaterThan(0);
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
    }
  });

  it('lists the chat models and mistral-embed as embeddings', () => {
    const byId = new Map(MISTRAL_MODELS.map((m) => [m.id, m]));
    for (const id of ['mistral-large-latest', 'mistral-medium-latest', 'mistral-small-latest', 'codestral-latest', 'ministral-8b-latest', 'pixtral-large-latest']) {
      expect(byId.get(id)?.capabilities, id).toContain('chat-completion');
    }
    expect(byId.get('pixtral-large-latest')?.features?.vision).toBe(true);
    expect(byId.get('codestral-latest')?.capabilities).toContain('code-generation');
    expect(byId.get('mistral-embed')?.capabilities).toEqual(['text-embeddings']);
  });
});
