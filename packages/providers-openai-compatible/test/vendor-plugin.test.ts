import type { ProviderCreateOptions } from '@modelmesh/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenAICompatibleFactory, createVendorPlugin, type OpenAICompatibleProvider, type OpenAICompatibleVendorSettings } from '../src/index.js';

const MODELS = [{ id: 'acme-1', capabilities: ['chat-completion'] }];
const ENV = { apiKey: 'ACME_API_KEY', baseUrl: 'ACME_BASE_URL' };
const createAcme = createOpenAICompatibleFactory({ connector: 'acme.llm.v1', name: 'Acme', defaultId: 'acme', baseUrl: 'https://api.acme.test/v1', env: ENV, models: MODELS });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createVendorPlugin', () => {
  const plugin = createVendorPlugin({ connector: 'acme.llm.v1', aliases: ['acme'], vendor: 'Acme Inc.', defaultId: 'acme', models: MODELS, env: ENV, create: createAcme });

  it('declares the vendor for config and detection', () => {
    expect(plugin).toMatchObject({ specificationVersion: 'v1', connector: 'acme.llm.v1', aliases: ['acme'], vendor: 'Acme Inc.', envVars: ['ACME_API_KEY'], defaultId: 'acme' });
    expect(plugin.models).toBe(MODELS);
    expect('aliases' in createVendorPlugin({ connector: 'b.llm.v1', vendor: 'B', defaultId: 'b', models: [], env: { apiKey: 'B_KEY' }, create: createAcme })).toBe(false);
  });

  it('detects the key (not blank) and, with it, the base URL', () => {
    expect(plugin.detect?.({})).toBeUndefined();
    expect(plugin.detect?.({ ACME_API_KEY: '  ' })).toBeUndefined();
    expect(plugin.detect?.({ ACME_BASE_URL: 'http://x/v1' })).toBeUndefined();
    expect(plugin.detect?.({ ACME_API_KEY: ' k ' })).toEqual({ apiKey: 'k' });
    expect(plugin.detect?.({ ACME_API_KEY: 'k', ACME_BASE_URL: 'http://x/v1' })).toEqual({ apiKey: 'k', baseUrl: 'http://x/v1' });
  });

  it('adds what detectMore finds once the key is set', () => {
    const more = createVendorPlugin({ connector: 'acme.llm.v1', vendor: 'Acme', defaultId: 'acme', models: MODELS, env: ENV, detectMore: (env) => ({ project: env['ACME_PROJECT'] ?? 'none' }), create: createAcme });
    expect(more.detect?.({ ACME_PROJECT: 'p' })).toBeUndefined();
    expect(more.detect?.({ ACME_API_KEY: 'k', ACME_PROJECT: 'p' })).toEqual({ apiKey: 'k', project: 'p' });
  });

  it('creates from config and the env the mesh gives, never from process.env', () => {
    vi.stubEnv('ACME_BASE_URL', 'http://from-process.test/v1');
    const fromConfig = plugin.create({ id: 'acme-eu', apiKey: 'k', baseUrl: 'http://cfg.test/v1' }) as OpenAICompatibleProvider;
    expect(fromConfig.id).toBe('acme-eu');
    expect(fromConfig.connector).toBe('acme.llm.v1');
    expect(fromConfig.baseUrl).toBe('http://cfg.test/v1');
    expect((plugin.create({ id: 'acme', env: { ACME_BASE_URL: 'http://env.test/v1' } }) as OpenAICompatibleProvider).baseUrl).toBe('http://env.test/v1');
    expect((plugin.create({ id: 'acme' }) as OpenAICompatibleProvider).baseUrl).toBe('https://api.acme.test/v1');
  });

  it("hands create config's settings, with the mesh's env, and config's own options", () => {
    const seen: [OpenAICompatibleVendorSettings, ProviderCreateOptions][] = [];
    const spy = createVendorPlugin({ connector: 'acme.llm.v1', vendor: 'Acme', defaultId: 'acme', models: MODELS, env: ENV, create: (settings, options) => (seen.push([settings, options]), createAcme(settings)) });
    const options: ProviderCreateOptions = { id: 'a', apiKey: 'k', organization: 'org', options: { drop_params: ['seed'], site: 'x' }, env: { ACME_BASE_URL: 'http://env/v1' } };
    spy.create(options);
    expect(seen[0]?.[0]).toEqual({ id: 'a', apiKey: 'k', baseUrl: undefined, dropParams: ['seed'], env: { ACME_BASE_URL: 'http://env/v1' } });
    expect(seen[0]?.[1]).toBe(options);
    spy.create({ id: 'b' });
    expect(seen[1]?.[0].env).toEqual({});
  });
});
