import { describeVendorPlugin } from '@modelmesh/testing/vitest';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { describe, expect, it, vi } from 'vitest';
import { createTogether, providerPlugin, TOGETHER_MODELS } from '../src/index.js';

const API_KEY = 'together-plugin-key-0001';
const suite = describeVendorPlugin({
  name: 'Together AI',
  plugin: providerPlugin,
  connector: 'together.llm.v1',
  aliases: ['together'],
  defaultId: 'together',
  models: TOGETHER_MODELS,
  apiKeyEnv: 'TOGETHER_API_KEY',
  baseUrlEnv: 'TOGETHER_BASE_URL',
  apiKey: API_KEY,
  create,
  isKnownCapability: isKnown,
});

describe('providerPlugin', () => {
  it('creates from config options and the env it is given, never from process.env', () => {
    vi.stubEnv('TOGETHER_BASE_URL', 'http://from-process.test/v1');
    const provider = providerPlugin.create({ id: 'tg', apiKey: 'k' }) as ReturnType<typeof createTogether>;
    expect(provider.id).toBe('tg');
    expect(provider.connector).toBe('together.llm.v1');
    expect(provider.baseUrl).toBe('https://api.together.xyz/v1');
    expect(createTogether({ env: { TOGETHER_BASE_URL: 'http://env.test/v1' } }).baseUrl).toBe('http://env.test/v1');
  });
});

describe('create() from modelmesh with TOGETHER_API_KEY and TOGETHER_BASE_URL set', () => {
  it('serves embeddings with the default embedding model', async () => {
    const client = create('text-embeddings', { plugins: [providerPlugin], env: { TOGETHER_API_KEY: API_KEY, TOGETHER_BASE_URL: suite.server.url } });
    try {
      const result = await client.embeddings.create({ model: 'text-embeddings', input: 'hello' });
      expect(result.data).toHaveLength(1);
      expect(suite.server.requests[0]?.model).toBe('BAAI/bge-large-en-v1.5');
    } finally {
      await client.close();
    }
  });
});

describe('TOGETHER_MODELS', () => {
  it('gives every model prices and a context window', () => {
    for (const model of TOGETHER_MODELS) {
      expect(model.pricing?.input, model.id).toBeGreaterThan(0);
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
    }
    const chat = TOGETHER_MODELS.filter((m) => m.capabilities.includes('chat-completion')).map((m) => m.id);
    expect(chat).toEqual(expect.arrayContaining(['meta-llama/Llama-3.3-70B-Instruct-Turbo', 'Qwen/Qwen2.5-72B-Instruct-Turbo', 'deepseek-ai/DeepSeek-V3']));
    expect(TOGETHER_MODELS.find((m) => m.id === 'BAAI/bge-large-en-v1.5')?.capabilities).toEqual(['text-embeddings']);
  });
});
