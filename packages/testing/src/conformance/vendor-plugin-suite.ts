import type { MeshClient, ModelSpec, ProviderPlugin } from '@modelmesh/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../servers/index.js';

/** What {@link describeVendorPlugin} checks a vendor plugin against. */
export interface VendorPluginSpec {
  /** Vendor name for test titles, e.g. `Groq`. */
  readonly name: string;
  readonly plugin: ProviderPlugin;
  /** The plugin's connector id, e.g. `groq.llm.v1`. */
  readonly connector: string;
  /** Every connector name config may use for it, in the plugin's order. */
  readonly aliases: readonly string[];
  /** Instance id when auto-detected, e.g. `groq`. */
  readonly defaultId: string;
  /** The default model list the plugin must declare (the same array). */
  readonly models: readonly ModelSpec[];
  /** The API key variable, e.g. `GROQ_API_KEY`. */
  readonly apiKeyEnv: string;
  /** The base URL variable, e.g. `GROQ_BASE_URL`. */
  readonly baseUrlEnv: string;
  /** The key the fake server accepts (a test value). */
  readonly apiKey: string;
  /** `create` from `modelmesh`, passed in because this package does not depend on it. */
  readonly create: (capability: string, options: { plugins?: ProviderPlugin[]; env?: Record<string, string> }) => MeshClient;
  /** `isKnown` from `modelmesh/capabilities`. */
  readonly isKnownCapability: (name: string) => boolean;
}

/** The fake OpenAI-wire server the suite started, for the vendor's own tests in the same file. */
export interface VendorPluginSuite {
  /** The running server (valid inside tests and hooks). */
  readonly server: FakeOpenAIServer;
}

/**
 * The checks every OpenAI-wire vendor plugin shares, registered in the calling test file:
 * its declarations, detection from its two environment variables, the README's
 * `create()` example through a fake OpenAI-wire server, discovery as an installed package,
 * and a model list with unique ids and known capabilities. It starts the server for the
 * whole file (reset and env stubs undone after each test); the vendor's own tests use
 * `suite.server`. Call it at the top level of a test file.
 */
export function describeVendorPlugin(spec: VendorPluginSpec): VendorPluginSuite {
  let server: FakeOpenAIServer | undefined;
  const running = (): FakeOpenAIServer => {
    if (!server) throw new Error('The vendor plugin suite\'s server is only running inside tests');
    return server;
  };
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ apiKey: spec.apiKey });
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    server?.reset();
  });

  const { plugin, apiKeyEnv, baseUrlEnv, apiKey } = spec;
  const modelIds = () => spec.models.map((m) => m.id);

  describe(`${spec.name} plugin: shared vendor checks`, () => {
    it('declares its connector, aliases, key variable, default id and models', () => {
      expect(plugin.connector).toBe(spec.connector);
      expect(plugin.aliases).toEqual(spec.aliases);
      expect(plugin.envVars).toEqual([apiKeyEnv]);
      expect(plugin.defaultId).toBe(spec.defaultId);
      expect(plugin.models).toBe(spec.models);
    });

    it(`is detected from ${apiKeyEnv}, with ${baseUrlEnv}`, () => {
      expect(plugin.detect?.({})).toBeUndefined();
      expect(plugin.detect?.({ [apiKeyEnv]: '' })).toBeUndefined();
      expect(plugin.detect?.({ [apiKeyEnv]: '  ' })).toBeUndefined();
      expect(plugin.detect?.({ [baseUrlEnv]: 'http://x/v1' })).toBeUndefined();
      expect(plugin.detect?.({ [apiKeyEnv]: 'k-1' })).toEqual({ apiKey: 'k-1' });
      expect(plugin.detect?.({ [apiKeyEnv]: 'k-1', [baseUrlEnv]: 'http://x/v1' })).toEqual({ apiKey: 'k-1', baseUrl: 'http://x/v1' });
    });

    it(`answers chat through create() with ${apiKeyEnv} and ${baseUrlEnv} set (the README example)`, async () => {
      vi.stubEnv(apiKeyEnv, apiKey);
      vi.stubEnv(baseUrlEnv, running().url);
      const client = spec.create('chat-completion', { plugins: [plugin] });
      try {
        const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hello!' }] });
        expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
        expect(running().requests[0]?.headers['authorization']).toBe(`Bearer ${apiKey}`);
        expect(modelIds()).toContain(running().requests[0]?.model);
      } finally {
        await client.close();
      }
    });

    it('is found by create() as an installed package, without being passed as a plugin', async () => {
      const client = spec.create('chat-completion', { env: { [apiKeyEnv]: apiKey, [baseUrlEnv]: running().url } });
      try {
        const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Found' }] });
        expect(response.choices[0]?.message.content).toBe('Echo: Found');
        expect(modelIds()).toContain(running().requests[0]?.model);
      } finally {
        await client.close();
      }
    });

    it('lists models with unique ids and capability names the taxonomy knows', () => {
      expect(spec.models.length).toBeGreaterThan(0);
      expect(new Set(modelIds()).size).toBe(spec.models.length);
      for (const model of spec.models) {
        for (const capability of model.capabilities) expect(spec.isKnownCapability(capability), `${model.id}: ${capability}`).toBe(true);
      }
    });
  });

  return {
    get server() {
      return running();
    },
  };
}
