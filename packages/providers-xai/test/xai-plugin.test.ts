import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createXai, providerPlugin, XAI_MODELS } from '../src/index.js';

const API_KEY = 'xai-plugin-key-0001';
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
  it("declares xAI for config and detection, with the original project's id", () => {
    expect(providerPlugin.connector).toBe('xai.llm.v1');
    expect(providerPlugin.aliases).toEqual(['xai', 'xai.api.v1']);
    expect(providerPlugin.envVars).toEqual(['XAI_API_KEY']);
    expect(providerPlugin.defaultId).toBe('xai');
    expect(providerPlugin.models).toBe(XAI_MODELS);
  });

  it('detects xAI from XAI_API_KEY, with XAI_BASE_URL', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ XAI_API_KEY: 'xai-1' })).toEqual({ apiKey: 'xai-1' });
    expect(providerPlugin.detect?.({ XAI_API_KEY: 'xai-1', XAI_BASE_URL: 'https://us-east-1.api.x.ai/v1' })).toEqual({ apiKey: 'xai-1', baseUrl: 'https://us-east-1.api.x.ai/v1' });
  });

  it('creates from config options and the env it is given, never from process.env', () => {
    vi.stubEnv('XAI_BASE_URL', 'http://from-process.test/v1');
    const provider = providerPlugin.create({ id: 'grok', apiKey: 'k' }) as ReturnType<typeof createXai>;
    expect(provider.id).toBe('grok');
    expect(provider.connector).toBe('xai.llm.v1');
    expect(provider.baseUrl).toBe('https://api.x.ai/v1');
    expect(createXai({ env: { XAI_BASE_URL: 'http://env.test/v1' } }).baseUrl).toBe('http://env.test/v1');
  });
});

describe('create() from modelmesh with XAI_API_KEY and XAI_BASE_URL set', () => {
  it('answers chat through a default Grok model (the README example)', async () => {
    vi.stubEnv('XAI_API_KEY', API_KEY);
    vi.stubEnv('XAI_BASE_URL', server.url);
    const client = create('chat-completion', { plugins: [providerPlugin] });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hello!' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
      expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
      expect(XAI_MODELS.map((m) => m.id)).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });

  it('fails over from a wrong xAI key to another provider', async () => {
    const wrongKeyServer = await startFakeOpenAIServer();
    wrongKeyServer.script({ kind: 'status', status: 400, body: { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: xa***ng.' } });
    const client = create('chat', {
      plugins: [providerPlugin],
      env: {},
      config: {
        providers: {
          broken: { connector: 'xai.api.v1', api_key: 'xai-wrong', base_url: wrongKeyServer.url },
          good: { connector: 'xai', api_key: API_KEY, base_url: server.url },
        },
        models: {
          first: { provider: 'broken', model: 'grok-3', priority: 1 },
          second: { provider: 'good', model: 'grok-3', priority: 2 },
        },
        pools: { chat: { capability: 'chat-completion', strategy: 'priority' } },
      },
    });
    try {
      const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hi');
      expect(wrongKeyServer.requests).toHaveLength(1);
      expect(server.requests).toHaveLength(1);
    } finally {
      await client.close();
      await wrongKeyServer.close();
    }
  });
});

describe('XAI_MODELS', () => {
  it('uses known capability names, unique ids, prices with cached input, and context windows', () => {
    expect(new Set(XAI_MODELS.map((m) => m.id)).size).toBe(XAI_MODELS.length);
    for (const model of XAI_MODELS) {
      for (const capability of model.capabilities) expect(isKnown(capability), `${model.id}: ${capability}`).toBe(true);
      expect(model.capabilities, model.id).toContain('chat-completion');
      expect(model.pricing?.input, model.id).toBeGreaterThan(0);
      expect(model.pricing?.output, model.id).toBeGreaterThan(0);
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
    }
    const ids = XAI_MODELS.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['grok-4', 'grok-3', 'grok-3-mini', 'grok-2-vision-1212']));
    expect(XAI_MODELS.find((m) => m.id === 'grok-2-vision-1212')?.features?.vision).toBe(true);
  });
});

describe('as an installed package', () => {
  it('is found by create() without being passed as a plugin', async () => {
    const client = create('chat-completion', { env: { XAI_API_KEY: API_KEY, XAI_BASE_URL: server.url } });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Found' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Found');
      expect(XAI_MODELS.map((m) => m.id)).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });
});
