import type { ProviderCall } from '@modelmesh/provider';
import { startFakeGeminiServer } from '@modelmesh/testing/servers';
import { isKnown } from 'modelmesh/capabilities';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGoogle, GOOGLE_FREE_TIER_LIMITS, GOOGLE_MODELS, GOOGLE_PAID_TIER_MODELS, googleEnv, providerPlugin } from '../src/index.js';

const ANSWER = { candidates: [{ content: { parts: [{ text: 'ok' }], role: 'model' }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 } };

/** A fetch that records what it was asked and answers by URL like Gemini would. */
function recordingFetch() {
  const seen: { url: string; method: string; headers: Headers; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    seen.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) });
    if (url.includes(':streamGenerateContent')) return new Response(`data: ${JSON.stringify(ANSWER)}\r\n\r\n`, { headers: { 'content-type': 'text/event-stream' } });
    if (url.includes(':embedContent')) return Response.json({ embedding: { values: [0.1, 0.2] } });
    if (url.includes(':batchEmbedContents')) return Response.json({ embeddings: [{ values: [1] }, { values: [2] }] });
    if (url.includes('/models?')) return Response.json({ models: [{ name: 'models/gemini-2.5-flash', supportedGenerationMethods: ['generateContent'] }] });
    return Response.json(ANSWER);
  };
  return { fetch, seen };
}

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const KEY = 'AIzaSyProviderTestKey-0001';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createGoogle', () => {
  it('defaults to generativelanguage.googleapis.com v1beta, id google, connector google.gemini.v1', async () => {
    const { fetch, seen } = recordingFetch();
    const google = createGoogle({ apiKey: KEY, fetch, env: {} });
    expect(google.id).toBe('google');
    expect(google.connector).toBe('google.gemini.v1');
    expect(google.models).toBe(GOOGLE_MODELS);
    await google.chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }, call());
    expect(seen[0]?.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent');
    expect(seen[0]?.headers.get('x-goog-api-key')).toBe(KEY);
    expect(seen[0]?.headers.get('authorization')).toBeNull();
  });

  it('never puts the key in a URL: chat, stream, embeddings (one and many) and the model list', async () => {
    const { fetch, seen } = recordingFetch();
    const google = createGoogle({ apiKey: KEY, fetch, env: {} });
    await google.chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }, call());
    for await (const _ of await google.chatStream({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }], stream: true }, call())) {
      // drain
    }
    await google.embed({ model: 'gemini-embedding-001', input: 'one' }, call());
    await google.embed({ model: 'gemini-embedding-001', input: ['a', 'b'] }, call());
    await google.listModels();
    expect(seen.map((s) => new URL(s.url).pathname + new URL(s.url).search)).toEqual([
      '/v1beta/models/gemini-2.5-flash:generateContent',
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      '/v1beta/models/gemini-embedding-001:embedContent',
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      '/v1beta/models?pageSize=1000',
    ]);
    for (const request of seen) {
      expect(request.url).not.toContain(KEY);
      expect(new URL(request.url).searchParams.has('key')).toBe(false);
      expect(request.headers.get('x-goog-api-key')).toBe(KEY);
    }
  });

  it('takes the base URL, API version and a model given as a resource name', async () => {
    const { fetch, seen } = recordingFetch();
    const google = createGoogle({ apiKey: KEY, fetch, env: {}, baseUrl: 'https://proxy.test/gemini/', apiVersion: 'v1' });
    await google.chat({ model: 'models/gemini-2.0-flash', messages: [{ role: 'user', content: 'hi' }] }, call());
    await google.chat({ model: 'tunedModels/my-model-123', messages: [{ role: 'user', content: 'hi' }] }, call());
    expect(seen.map((s) => s.url)).toEqual(['https://proxy.test/gemini/v1/models/gemini-2.0-flash:generateContent', 'https://proxy.test/gemini/v1/tunedModels/my-model-123:generateContent']);
  });

  it('reads the key and base URL from the environment it is given; GOOGLE_API_KEY wins as in the official client', async () => {
    const { fetch, seen } = recordingFetch();
    await createGoogle({ fetch, env: { GEMINI_API_KEY: 'gemini-key', GEMINI_BASE_URL: 'http://gemini.test' } }).chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, call());
    await createGoogle({ fetch, env: { GEMINI_API_KEY: 'gemini-key', GOOGLE_API_KEY: 'google-key', GOOGLE_GEMINI_BASE_URL: 'http://google.test' } }).chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, call());
    await createGoogle({ fetch, apiKey: 'explicit-key', env: { GOOGLE_API_KEY: 'google-key' } }).chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, call());
    expect(seen.map((s) => [new URL(s.url).origin, s.headers.get('x-goog-api-key')])).toEqual([
      ['http://gemini.test', 'gemini-key'],
      ['http://google.test', 'google-key'],
      ['https://generativelanguage.googleapis.com', 'explicit-key'],
    ]);
    expect(googleEnv({ GEMINI_API_KEY: '  ', GOOGLE_API_KEY: '' })).toEqual({});
  });

  it('warns once per parameter through console.warn by default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { fetch } = recordingFetch();
    const google = createGoogle({ apiKey: KEY, fetch, env: {} });
    for (let i = 0; i < 2; i++) await google.chat({ model: 'm', messages: [{ role: 'user', content: 'x' }], logit_bias: { '1': 1 } }, call());
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('logit_bias');
  });

  it('encodes embeddings as base64 float32 when asked, as OpenAI does', async () => {
    const { fetch } = recordingFetch();
    const result = await createGoogle({ apiKey: KEY, fetch, env: {} }).embed({ model: 'gemini-embedding-001', input: 'one', encoding_format: 'base64' }, call());
    const encoded = result.data[0]?.embedding as unknown as string;
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    expect(Array.from(new Float32Array(bytes.buffer))).toEqual([Math.fround(0.1), Math.fround(0.2)]);
  });

  it('sends more than 100 inputs in batches of 100', async () => {
    const batches: number[] = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      const count = (JSON.parse(String(init?.body)) as { requests: unknown[] }).requests.length;
      batches.push(count);
      return Response.json({ embeddings: Array.from({ length: count }, (_, i) => ({ values: [i] })) });
    };
    const result = await createGoogle({ apiKey: KEY, fetch, env: {} }).embed({ model: 'gemini-embedding-001', input: Array.from({ length: 250 }, (_, i) => `t${i}`) }, call());
    expect(batches).toEqual([100, 100, 50]);
    expect(result.data.map((d) => d.index)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('refuses token-array embedding inputs', async () => {
    const { fetch, seen } = recordingFetch();
    await expect(createGoogle({ apiKey: KEY, fetch, env: {} }).embed({ model: 'gemini-embedding-001', input: [1, 2, 3] }, call())).rejects.toThrow(/text only/);
    expect(seen).toHaveLength(0);
  });

  it('lists models over every page, keeping known defaults', async () => {
    const pages = [
      { models: [{ name: 'models/gemini-2.5-pro', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ['generateContent', 'countTokens'] }], nextPageToken: 'p2' },
      {
        models: [
          { name: 'models/gemini-embedding-001', inputTokenLimit: 2048, supportedGenerationMethods: ['embedContent'] },
          { name: 'models/imagen-4.0-generate-001', supportedGenerationMethods: ['predict'] },
          { name: 'models/gemini-9-experimental', inputTokenLimit: 10, outputTokenLimit: 5, supportedGenerationMethods: ['generateContent'] },
        ],
      },
    ];
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      urls.push(String(input));
      return Response.json(pages[urls.length - 1]);
    };
    const models = await createGoogle({ apiKey: KEY, fetch, env: {} }).listModels();
    expect(urls.map((u) => new URL(u).search)).toEqual(['?pageSize=1000', '?pageSize=1000&pageToken=p2']);
    expect(models.map((m) => m.id)).toEqual(['gemini-2.5-pro', 'gemini-embedding-001', 'gemini-9-experimental']);
    expect(models[0]?.pricing).toEqual(GOOGLE_MODELS.find((m) => m.id === 'gemini-2.5-pro')?.pricing);
    expect(models[2]).toEqual({ id: 'gemini-9-experimental', capabilities: ['chat-completion'], contextWindow: 10, maxOutputTokens: 5 });
  });

  it('against the fake server: listModels sees the served models', async () => {
    const server = await startFakeGeminiServer({ apiKey: KEY, models: ['gemini-2.5-flash', 'text-embedding-004'] });
    try {
      const models = await createGoogle({ apiKey: KEY, baseUrl: server.url, env: {} }).listModels();
      expect(models.map((m) => [m.id, m.capabilities])).toEqual([
        ['gemini-2.5-flash', GOOGLE_MODELS.find((m) => m.id === 'gemini-2.5-flash')?.capabilities],
        ['text-embedding-004', ['text-embeddings']],
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('providerPlugin', () => {
  it('declares Google Gemini for config and detection', () => {
    expect(providerPlugin.connector).toBe('google.gemini.v1');
    expect(providerPlugin.aliases).toEqual(['google', 'gemini']);
    expect(providerPlugin.envVars).toEqual(['GEMINI_API_KEY', 'GOOGLE_API_KEY']);
    expect(providerPlugin.defaultId).toBe('google');
    expect(providerPlugin.models).toBe(GOOGLE_MODELS);
  });

  it('detects from GEMINI_API_KEY or GOOGLE_API_KEY, with the base URL', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ GEMINI_BASE_URL: 'http://x' })).toBeUndefined();
    expect(providerPlugin.detect?.({ GEMINI_API_KEY: 'k1', GEMINI_BASE_URL: 'http://x' })).toEqual({ apiKey: 'k1', baseUrl: 'http://x' });
    expect(providerPlugin.detect?.({ GOOGLE_API_KEY: 'k2' })).toEqual({ apiKey: 'k2' });
  });

  it('creates from config options and options.env, never from process.env', async () => {
    const { fetch, seen } = recordingFetch();
    process.env['GEMINI_API_KEY'] = 'from-process';
    try {
      const provider = providerPlugin.create({
        id: 'gemini-2',
        baseUrl: 'http://cfg.test',
        headers: { 'x-extra': '1' },
        fetch,
        env: {},
        options: { api_version: 'v1alpha', safety_settings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }], generation_config: { topK: 3 } },
      });
      await provider.chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }] }, call());
      expect(provider.id).toBe('gemini-2');
    } finally {
      delete process.env['GEMINI_API_KEY'];
    }
    expect(seen[0]?.url).toBe('http://cfg.test/v1alpha/models/gemini-2.5-flash:generateContent');
    expect(seen[0]?.headers.get('x-goog-api-key')).toBeNull();
    expect(seen[0]?.headers.get('x-extra')).toBe('1');
    expect(seen[0]?.body).toMatchObject({ safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }], generationConfig: { topK: 3 } });
    const fromEnv = recordingFetch();
    await providerPlugin.create({ id: 'g', fetch: fromEnv.fetch, env: { GEMINI_API_KEY: 'env-key' } }).chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, call());
    expect(fromEnv.seen[0]?.headers.get('x-goog-api-key')).toBe('env-key');
  });
});

describe('GOOGLE_MODELS', () => {
  it('uses only capability names the taxonomy knows', () => {
    for (const model of GOOGLE_MODELS) for (const capability of model.capabilities) expect(isKnown(capability), `${model.id}: ${capability}`).toBe(true);
  });

  it('has unique ids, context windows for every model and prices for every paid model', () => {
    expect(new Set(GOOGLE_MODELS.map((m) => m.id)).size).toBe(GOOGLE_MODELS.length);
    for (const model of GOOGLE_MODELS) {
      expect(model.contextWindow, model.id).toBeGreaterThan(0);
      expect(model.pricing?.input, model.id).toBeGreaterThanOrEqual(0);
    }
    for (const model of GOOGLE_MODELS.filter((m) => m.capabilities.includes('chat-completion'))) {
      expect(model.pricing?.output, model.id).toBeGreaterThan(model.pricing?.input ?? Infinity);
      expect(model.maxOutputTokens, model.id).toBeGreaterThan(0);
      expect(model.features).toMatchObject({ tools: true, vision: true, json: true, streaming: true });
    }
  });

  it('carries the free tier’s published limits; the paid-tier list and createGoogle({ tier: "paid" }) drop them', () => {
    const flash = GOOGLE_MODELS.find((m) => m.id === 'gemini-2.5-flash');
    expect(flash?.limits).toEqual(GOOGLE_FREE_TIER_LIMITS['gemini-2.5-flash']);
    expect(flash?.limits?.rpm).toBeGreaterThan(0);
    expect(flash?.limits?.rpd).toBeGreaterThan(0);
    expect(GOOGLE_PAID_TIER_MODELS.every((m) => m.limits === undefined)).toBe(true);
    expect(createGoogle({ tier: 'paid', env: {} }).models).toBe(GOOGLE_PAID_TIER_MODELS);
    expect(GOOGLE_MODELS.find((m) => m.id === 'gemini-embedding-001')?.capabilities).toEqual(['text-embeddings']);
  });
});
