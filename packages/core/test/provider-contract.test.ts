import * as contract from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import { ConfigurationError, createMesh, ManualClock, PROVIDER_SPECIFICATION_VERSION, type ProviderCreateOptions, type ProviderPlugin } from '../src/index.js';
import { FakeProvider } from './support/fake-provider.js';

const plugin = (specificationVersion: string): ProviderPlugin => {
  const clock = new ManualClock();
  return {
    specificationVersion: specificationVersion as typeof PROVIDER_SPECIFICATION_VERSION,
    connector: 'fake.llm.v1',
    vendor: 'Fake',
    defaultId: 'fake',
    envVars: [],
    models: [{ id: 'm', capabilities: ['chat-completion'] }],
    create: (options) => new FakeProvider(options.id, clock),
  };
};
const config = { providers: { fake: { connector: 'fake.llm.v1' } }, pools: { chat: { capability: 'chat-completion' } } };

describe('the provider contract inside core', () => {
  it('core re-exports the contract package itself, so errors are one class wherever they are imported from', () => {
    expect(core.RateLimitError).toBe(contract.RateLimitError);
    expect(core.ModelMeshError).toBe(contract.ModelMeshError);
    expect(core.PROVIDER_SPECIFICATION_VERSION).toBe(contract.PROVIDER_SPECIFICATION_VERSION);
  });

  it('accepts a plugin written against the contract version core implements', () => {
    const client = createMesh({ config, plugins: [plugin(PROVIDER_SPECIFICATION_VERSION)] });
    expect(client.activeConnectors()).toContain('fake.llm.v1');
  });

  it('refuses a plugin written against another contract version, naming the provider and both versions', () => {
    let caught: unknown;
    try {
      createMesh({ config, plugins: [plugin('v2')] });
    } catch (error) {
      caught = error;
    }
    expect(ConfigurationError.isInstance(caught)).toBe(true);
    const issues = (caught as ConfigurationError).issues;
    expect(issues).toEqual([expect.objectContaining({ path: 'providers.fake.connector' })]);
    expect(issues[0]?.message).toContain('"v2"');
    expect(issues[0]?.message).toContain(`"${PROVIDER_SPECIFICATION_VERSION}"`);
  });

  it('hands a provider its config settings, max_connections included, as create options', () => {
    const seen: ProviderCreateOptions[] = [];
    const recording: ProviderPlugin = { ...plugin(PROVIDER_SPECIFICATION_VERSION), create: (options) => (seen.push(options), new FakeProvider(options.id, new ManualClock())) };
    createMesh({ config: { ...config, providers: { fake: { connector: 'fake.llm.v1', timeout: '20s', max_connections: 64 } } }, plugins: [recording] });
    expect(seen).toEqual([expect.objectContaining({ id: 'fake', timeout: 20_000, maxConnections: 64 })]);
  });
});
