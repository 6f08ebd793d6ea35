import { describe, expect, it } from 'vitest';
import { ConfigurationError, createMesh, ManualClock, PROVIDER_SPECIFICATION_VERSION, type ProviderPlugin } from '../src/index.js';
import { FakeProvider } from './support/fake-provider.js';

// A plugin with no default models, as an OpenAI-compatible server is before anyone names its models.
const bare: ProviderPlugin = {
  specificationVersion: PROVIDER_SPECIFICATION_VERSION,
  connector: 'bare.llm.v1',
  vendor: 'Bare',
  defaultId: 'bare',
  envVars: [],
  models: [],
  create: (options) => new FakeProvider(options.id, new ManualClock()),
};

describe('a configured provider that knows no models', () => {
  it('is refused at creation with the path and what to add, instead of an empty pool failing each request', () => {
    const create = () => createMesh({ plugins: [bare], config: { providers: { local: { connector: 'bare.llm.v1', base_url: 'http://127.0.0.1:1234/v1' } }, pools: { chat: { capability: 'chat-completion' } } } });
    expect(create).toThrow(ConfigurationError);
    try {
      create();
    } catch (error) {
      const issue = (error as ConfigurationError).issues[0];
      expect(issue?.path).toBe('providers.local');
      expect(issue?.message).toContain('no models known for provider "local" (bare.llm.v1 at http://127.0.0.1:1234/v1)');
      expect(issue?.message).toContain('models: { my-model: { provider: local, model: <model id at the server>, capabilities: [chat-completion] } }');
    }
  });

  it('works once config names its models', () => {
    const client = createMesh({
      plugins: [bare],
      config: { providers: { local: { connector: 'bare.llm.v1' } }, models: { llama: { provider: 'local', model: 'llama3.1', capabilities: ['chat-completion'] } }, pools: { chat: { models: ['llama'] } } },
    });
    expect(client.poolStatus('chat').total).toBe(1);
  });
});
