import { ConfigurationError } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { createOpenAICompatibleFactory, providerPlugin, type ProviderWarning } from '../src/index.js';

describe('providerPlugin', () => {
  it('declares the generic connector and the local-server aliases', () => {
    expect(providerPlugin.connector).toBe('openai-compatible.llm.v1');
    expect(providerPlugin.aliases).toEqual(expect.arrayContaining(['openai-compatible', 'vllm', 'lmstudio', 'llamacpp', 'localai']));
    expect(providerPlugin.envVars).toContain('OPENAI_COMPATIBLE_BASE_URL');
    expect(providerPlugin.models).toEqual([]);
  });

  it('detects an endpoint from the environment', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ OPENAI_COMPATIBLE_BASE_URL: 'http://h/v1' })).toEqual({ baseUrl: 'http://h/v1' });
    expect(providerPlugin.detect?.({ OPENAI_COMPATIBLE_BASE_URL: 'http://h/v1', OPENAI_COMPATIBLE_API_KEY: 'k' })).toEqual({ baseUrl: 'http://h/v1', apiKey: 'k' });
  });

  it('detects the local-server host variables of the original project', () => {
    expect(providerPlugin.detect?.({ VLLM_HOST: 'gpu-box:8000' })).toEqual({ baseUrl: 'http://gpu-box:8000/v1' });
    expect(providerPlugin.detect?.({ LMSTUDIO_HOST: 'http://localhost:1234/' })).toEqual({ baseUrl: 'http://localhost:1234/v1' });
  });

  it('defaults the base URL for an original connector id used as the instance id', () => {
    expect((providerPlugin.create({ id: 'vllm.local.v1' }) as unknown as { baseUrl: string }).baseUrl).toBe('http://localhost:8000/v1');
  });

  it('creates a provider from config options', () => {
    const provider = providerPlugin.create({ id: 'gpu', baseUrl: 'http://gpu:8000/v1', options: { drop_params: ['seed'] } });
    expect(provider.id).toBe('gpu');
    expect(provider.connector).toBe('openai-compatible.llm.v1');
    expect((provider as unknown as { baseUrl: string }).baseUrl).toBe('http://gpu:8000/v1');
  });

  it('defaults the base URL of a known local server by instance id or options.server', () => {
    expect((providerPlugin.create({ id: 'lmstudio' }) as unknown as { baseUrl: string }).baseUrl).toBe('http://localhost:1234/v1');
    expect((providerPlugin.create({ id: 'box', options: { server: 'vllm' } }) as unknown as { baseUrl: string }).baseUrl).toBe('http://localhost:8000/v1');
  });

  it('asks for base_url otherwise', () => {
    expect(() => providerPlugin.create({ id: 'mystery' })).toThrow(ConfigurationError);
    try {
      providerPlugin.create({ id: 'mystery' });
    } catch (error) {
      expect((error as ConfigurationError).issues[0]?.path).toBe('providers.mystery.base_url');
    }
  });
});

describe('createOpenAICompatibleFactory', () => {
  it('fills vendor defaults and merges dropParams and headers', async () => {
    const bodies: unknown[] = [];
    const headers: Headers[] = [];
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      headers.push(new Headers(init?.headers));
      return new Response(JSON.stringify({ choices: [] }), { headers: { 'content-type': 'application/json' } });
    };
    const warnings: ProviderWarning[] = [];
    const createAcme = createOpenAICompatibleFactory({ connector: 'acme.llm.v1', name: 'Acme AI', baseUrl: 'https://api.acme.test/v1', dropParams: ['logprobs'], headers: { 'x-acme': 'v' } });
    const acme = createAcme({ apiKey: 'k', fetch, dropParams: ['seed'], headers: { 'x-user': 'u' }, onWarning: (w) => warnings.push(w) });
    expect(acme.id).toBe('acme-ai');
    expect(acme.connector).toBe('acme.llm.v1');
    expect(acme.baseUrl).toBe('https://api.acme.test/v1');
    await acme.chat({ model: 'x', messages: [], logprobs: true, seed: 3 }, { signal: new AbortController().signal, timeouts: {} });
    expect(bodies[0]).toEqual({ model: 'x', messages: [] });
    expect(headers[0]?.get('x-acme')).toBe('v');
    expect(headers[0]?.get('x-user')).toBe('u');
    expect(warnings.map((w) => w.message)).toEqual([
      'Provider "Acme AI" does not support "logprobs"; it was removed from the request',
      'Provider "Acme AI" does not support "seed"; it was removed from the request',
    ]);
  });
});
