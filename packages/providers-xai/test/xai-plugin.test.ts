import { startFakeOpenAIServer } from '@modelmesh/testing/servers';
import { describeVendorPlugin } from '@modelmesh/testing/vitest';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { describe, expect, it, vi } from 'vitest';
import { createXai, providerPlugin, XAI_MODELS } from '../src/index.js';

const API_KEY = 'xai-plugin-key-0001';
const suite = describeVendorPlugin({
  name: 'xAI',
  plugin: providerPlugin,
  connector: 'xai.llm.v1',
  aliases: ['xai', 'xai.api.v1'],
  defaultId: 'xai',
  models: XAI_MODELS,
  apiKeyEnv: 'XAI_API_KEY',
  baseUrlEnv: 'XAI_BASE_URL',
  apiKey: API_KEY,
  create,
  isKnownCapability: isKnown,
});

describe('providerPlugin', () => {
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
  it('fails over from a wrong xAI key to another provider', async () => {
    const wrongKeyServer = await startFakeOpenAIServer();
    wrongKeyServer.script({ kind: 'status', status: 400, body: { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: xa***ng.' } });
    const client = create('chat', {
      plugins: [providerPlugin],
      env: {},
      config: {
        providers: {
          broken: { connector: 'xai.api.v1', api_key: 'xai-wrong', base_url: wrongKeyServer.url },
          good: { connector: 'xai', api_key: API_KEY, base_url: suite.server.url },
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
      expect(suite.server.requests).toHaveLength(1);
    } finally {
      await client.close();
      await wrongKeyServer.close();
    }
  });
});

describe('XAI_MODELS', () => {
  it('gives every model prices with cached input and a context window', () => {
    for (const model of XAI_MODELS) {
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
