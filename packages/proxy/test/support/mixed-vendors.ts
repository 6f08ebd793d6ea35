import { createMesh, loadConfig, type MeshClient, type ModelSpec } from '@modelmesh/core';
import { createAnthropic } from '@modelmesh/providers-anthropic';
import { createOpenAI } from '@modelmesh/providers-openai';
import { startFakeAnthropicServer, startFakeOpenAIServer, type FakeAnthropicServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { startProxy, type RunningProxy } from '../../src/index.js';

const FEATURES = { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true };
const GPT: ModelSpec = { id: 'gpt-4o-mini', capabilities: ['chat-completion'], features: FEATURES, pricing: { input: 0.15, output: 0.6 } };
const CLAUDE: ModelSpec = { id: 'claude-haiku-4-5', capabilities: ['chat-completion'], features: FEATURES, maxOutputTokens: 8192, pricing: { input: 1, output: 5 } };

/** Proxy keys of the mixed fixture: `sk-app` may use every pool, `sk-claude` only `anthropic-first`, `sk-slow` one request a minute. */
export const MIXED_KEYS = {
  auth: {
    keys: [
      { name: 'app', key: 'sk-app' },
      { name: 'claude-only', key: 'sk-claude', pools: ['anthropic-first'] },
      { name: 'slow', key: 'sk-slow', rpm: 1 },
    ],
  },
};

export interface MixedFixture {
  readonly openai: FakeOpenAIServer;
  readonly anthropic: FakeAnthropicServer;
  readonly mesh: MeshClient;
  readonly proxy: RunningProxy;
  close(): Promise<void>;
}

/**
 * A mesh over two vendors, each a fake HTTP server spoken to by its real provider package:
 * pool `openai-first` tries OpenAI then Anthropic, `anthropic-first` the other way round
 * (priority order, no backoff), behind a proxy with {@link MIXED_KEYS}.
 */
export async function startMixedFixture(pools: Record<string, unknown> = {}): Promise<MixedFixture> {
  const openai = await startFakeOpenAIServer({ apiKey: 'sk-upstream-openai' });
  const anthropic = await startFakeAnthropicServer({ apiKey: 'sk-upstream-anthropic' });
  const providers = [
    { provider: createOpenAI({ id: 'openai', apiKey: 'sk-upstream-openai', baseUrl: openai.url, env: {} }), models: [GPT] },
    { provider: createAnthropic({ id: 'anthropic', apiKey: 'sk-upstream-anthropic', baseUrl: anthropic.url, env: {} }), models: [CLAUDE] },
  ];
  const policy = { strategy: 'priority', retry: { backoff: 'none', max_attempts_per_model: 1 }, recovery: { wait_for_recovery: false } };
  const document = {
    pools: {
      'openai-first': { capability: 'chat-completion', provider_priority: ['openai', 'anthropic'], ...policy },
      'anthropic-first': { capability: 'chat-completion', provider_priority: ['anthropic', 'openai'], ...policy },
      ...pools,
    },
    proxy: MIXED_KEYS,
  };
  const config = loadConfig(document, { knownProviders: ['openai', 'anthropic'] });
  const mesh = createMesh({ config, providers });
  const proxy = await startProxy({ mesh, settings: { ...config.proxy, port: 0 }, log: () => {} });
  return {
    openai,
    anthropic,
    mesh,
    proxy,
    close: async () => {
      await proxy.close();
      await mesh.close();
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}
