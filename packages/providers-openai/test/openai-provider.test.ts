import type { ProviderCall } from '@modelmesh/provider';
import { isKnown } from 'modelmesh/capabilities';
import { describe, expect, it } from 'vitest';
import { createOpenAI, OPENAI_MODELS, providerPlugin } from '../src/index.js';

/** A fetch that records what it was asked and answers an empty completion. */
function recordingFetch() {
  const seen: { url: string; headers: Headers; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    seen.push({ url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body ?? 'null')) });
    return new Response(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'gpt-4o', choices: [] }), { headers: { 'content-type': 'application/json' } });
  };
  return { fetch, seen };
}

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });

describe('createOpenAI', () => {
  it('defaults to api.openai.com, id openai and connector openai.llm.v1', async () => {
    const { fetch, seen } = recordingFetch();
    const openai = createOpenAI({ apiKey: 'sk-a', fetch, env: {} });
    expect(openai.id).toBe('openai');
    expect(openai.connector).toBe('openai.llm.v1');
    expect(openai.models).toEqual(OPENAI_MODELS);
    await openai.chat({ model: 'gpt-4o', messages: [] }, call());
    expect(seen[0]?.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk-a');
    expect(seen[0]?.headers.get('openai-organization')).toBeNull();
  });

  it('reads key, base URL, organization and project from the environment it is given', async () => {
    const { fetch, seen } = recordingFetch();
    const env = { OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: 'http://proxy.test/v1', OPENAI_ORGANIZATION: 'org-env', OPENAI_PROJECT_ID: 'proj-env' };
    await createOpenAI({ fetch, env }).chat({ model: 'gpt-4o', messages: [] }, call());
    expect(seen[0]?.url).toBe('http://proxy.test/v1/chat/completions');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk-env');
    expect(seen[0]?.headers.get('openai-organization')).toBe('org-env');
    expect(seen[0]?.headers.get('openai-project')).toBe('proj-env');
  });

  it('prefers explicit settings over the environment, and OPENAI_ORG_ID over OPENAI_ORGANIZATION', async () => {
    const { fetch, seen } = recordingFetch();
    const env = { OPENAI_API_KEY: 'sk-env', OPENAI_ORG_ID: 'org-id', OPENAI_ORGANIZATION: 'org-name' };
    await createOpenAI({ fetch, env, apiKey: 'sk-explicit', project: 'proj-explicit' }).chat({ model: 'gpt-4o', messages: [] }, call());
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk-explicit');
    expect(seen[0]?.headers.get('openai-organization')).toBe('org-id');
    expect(seen[0]?.headers.get('openai-project')).toBe('proj-explicit');
  });
});

describe('providerPlugin', () => {
  it('declares OpenAI for config and detection', () => {
    expect(providerPlugin.connector).toBe('openai.llm.v1');
    expect(providerPlugin.aliases).toContain('openai');
    expect(providerPlugin.envVars).toEqual(['OPENAI_API_KEY']);
    expect(providerPlugin.defaultId).toBe('openai');
    expect(providerPlugin.models).toBe(OPENAI_MODELS);
  });

  it('detects OpenAI from OPENAI_API_KEY, with base URL, organization and project', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ OPENAI_BASE_URL: 'http://x' })).toBeUndefined();
    expect(providerPlugin.detect?.({ OPENAI_API_KEY: 'sk-1', OPENAI_BASE_URL: 'http://x/v1', OPENAI_ORG_ID: 'o', OPENAI_PROJECT_ID: 'p' })).toEqual({
      apiKey: 'sk-1',
      baseUrl: 'http://x/v1',
      organization: 'o',
      project: 'p',
    });
  });

  it('creates from config options, never from process.env', async () => {
    const { fetch, seen } = recordingFetch();
    process.env['OPENAI_PROJECT_ID'] = 'proj-from-process';
    try {
      const provider = providerPlugin.create({ id: 'openai-2', apiKey: 'sk-cfg', baseUrl: 'http://cfg.test/v1', organization: 'org-cfg', fetch, env: {} });
      await provider.chat({ model: 'gpt-4o', messages: [] }, call());
    } finally {
      delete process.env['OPENAI_PROJECT_ID'];
    }
    expect(seen[0]?.url).toBe('http://cfg.test/v1/chat/completions');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk-cfg');
    expect(seen[0]?.headers.get('openai-organization')).toBe('org-cfg');
    expect(seen[0]?.headers.get('openai-project')).toBeNull();
  });
});

describe('OPENAI_MODELS', () => {
  it('uses only capability names the taxonomy knows', () => {
    for (const model of OPENAI_MODELS) for (const capability of model.capabilities) expect(isKnown(capability), `${model.id}: ${capability}`).toBe(true);
  });

  it('has unique ids, and prices and context windows for every model', () => {
    expect(new Set(OPENAI_MODELS.map((m) => m.id)).size).toBe(OPENAI_MODELS.length);
    for (const model of OPENAI_MODELS) {
      expect(model.pricing?.input, model.id).toBeGreaterThan(0);
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
    }
  });

  it('marks chat models with their features and embeddings as embeddings', () => {
    const byId = new Map(OPENAI_MODELS.map((m) => [m.id, m]));
    expect(byId.get('gpt-4o')?.features).toMatchObject({ tools: true, vision: true, json: true, streaming: true });
    expect(byId.get('gpt-4o')?.capabilities).toContain('chat-completion');
    expect(byId.get('o3-mini')?.features?.vision).toBe(false);
    expect(byId.get('text-embedding-3-small')?.capabilities).toEqual(['text-embeddings']);
    expect(byId.get('text-embedding-3-large')?.pricing?.output).toBeUndefined();
  });
});
