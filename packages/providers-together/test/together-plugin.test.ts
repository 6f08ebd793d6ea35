import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTogether, providerPlugin, TOGETHER_MODELS } from '../src/index.js';

const API_KEY = 'together-plugin-key-0001';
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
  it('declares Together AI for config and detection', () => {
    expect(providerPlugin.connector).toBe('together.llm.v1');
    expect(providerPlugin.aliases).toEqual(['together']);
    expect(providerPlugin.envVars).toEqual(['TOGETHER_API_KEY']);
    expect(providerPlugin.defaultId).toBe('together');
    expect(providerPlugin.models).toBe(TOGETHER_MODELS);
  });

  it('detects Together from TOGETHER_API_KEY, with TOGETHER_BASE_URL', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ TOGETHER_API_KEY: 't-1' })).toEqual({ apiKey: 't-1' });
    expect(providerPlugin.detect?.({ TOGETHER_API_KEY: 't-1', TOGETHER_BASE_URL: 'http://x/v1' })).toEqual({ apiKey: 't-1', baseUrl: 'http://x/v1' });
  });

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
  it('answers chat through a default Together model (the README example)', async () => {
    vi.stubEnv('TOGETHER_API_KEY', API_KEY);
    vi.stubEnv('TOGETHER_BASE_URL', server.url);
    const client = create('chat-completion', { plugins: [providerPlugin] });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hello!' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
      expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
      expect(TOGETHER_MODELS.map((m) => m.id)).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });

  it('serves embeddings with the default embedding model', async () => {
    const client = create('text-embeddings', { plugins: [providerPlugin], env: { TOGETHER_API_KEY: API_KEY, TOGETHER_BASE_URL: server.url } });
    try {
      const result = await client.embeddings.create({ model: 'text-embeddings', input: 'hello' });
      expect(result.data).toHaveLength(1);
      expect(server.requests[0]?.model).toBe('BAAI/bge-large-en-v1.5');
    } finally {
      await client.close();
    }
  });
});

describe('TOGETHER_MODELS', () => {
  it('uses known capability names, unique ids, prices and context windows', () => {
    expect(new Set(TOGETHER_MODELS.map((m) => m.id)).size).toBe(TOGETHER_MODELS.length);
    for (const model of TOGETHER_MODELS) {
      for (const capability of model.capabilities) expect(isKnown(capability), `${model.id}: ${capability}`).toBe(true);
      expect(model.pricing?.input, model.id).toBeGreaterThan(0);
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
    }
    const chat = TOGETHER_MODELS.filter((m) => m.capabilities.includes('chat-completion')).map((m) => m.id);
    expect(chat).toEqual(expect.arrayContaining(['meta-llama/Llama-3.3-70B-Instruct-Turbo', 'Qwen/Qwen2.5-72B-Instruct-Turbo', 'deepseek-ai/DeepSeek-V3']));
    expect(TOGETHER_MODELS.find((m) => m.id === 'BAAI/bge-large-en-v1.5')?.capabilities).toEqual(['text-embeddings']);
  });
});

describe('as an installed package', () => {
  it('is found by create() without being passed as a plugin', async () => {
    const client = create('chat-completion', { env: { TOGETHER_API_KEY: API_KEY, TOGETHER_BASE_URL: server.url } });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Found' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Found');
      expect(TOGETHER_MODELS.map((m) => m.id)).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });
});
