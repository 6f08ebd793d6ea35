import { PROVIDER_SPECIFICATION_VERSION, type ProviderPlugin } from 'modelmesh';
import { mockProvider, type MockScript } from 'modelmesh/testing';

/**
 * A provider package stand-in: enabled by FAKE_API_KEY, two chat models. Each created
 * provider plays `script` (the same script object for every instance of this plugin).
 */
export function fakePlugin(script: MockScript = { type: 'ok', content: 'Hello from the fake vendor!' }): ProviderPlugin & { created: ReturnType<typeof mockProvider>[] } {
  const created: ReturnType<typeof mockProvider>[] = [];
  const models = [
    { id: 'fake-large', capabilities: ['chat-completion'], contextWindow: 128_000, pricing: { input: 2.5, output: 10 } },
    { id: 'fake-small', capabilities: ['chat-completion'], contextWindow: 16_000, pricing: { input: 0.15, output: 0.6 } },
  ];
  return {
    specificationVersion: PROVIDER_SPECIFICATION_VERSION,
    connector: 'fake.llm.v1',
    vendor: 'Fake',
    defaultId: 'fake',
    envVars: ['FAKE_API_KEY'],
    aliases: ['fake'],
    models,
    detect: (env) => (env['FAKE_API_KEY'] ? { apiKey: env['FAKE_API_KEY'] } : undefined),
    create: (options) => {
      const provider = mockProvider({ id: options.id, connector: 'fake.llm.v1', models, script });
      created.push(provider);
      return provider;
    },
    created,
  };
}
