import type { ProviderCall } from '@modelmesh/provider';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { isKnown } from 'modelmesh/capabilities';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOllama, OLLAMA_MODELS, ollamaHostUrl, providerPlugin } from '../src/internal.js';

let server: FakeOpenAIServer;
let root: string;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
  root = server.url.replace(/\/v1$/, '');
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  server.reset();
});

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const urlOf = (provider: unknown) => (provider as { baseUrl: string }).baseUrl;

describe('OLLAMA_HOST', () => {
  it("is read as Ollama's CLI reads it", () => {
    expect(ollamaHostUrl(undefined)).toBe('http://127.0.0.1:11434');
    expect(ollamaHostUrl('  ')).toBe('http://127.0.0.1:11434');
    expect(ollamaHostUrl('0.0.0.0')).toBe('http://127.0.0.1:11434');
    expect(ollamaHostUrl('0.0.0.0:8080')).toBe('http://127.0.0.1:8080');
    expect(ollamaHostUrl(':11435')).toBe('http://127.0.0.1:11435');
    expect(ollamaHostUrl('gpu-box')).toBe('http://gpu-box:11434');
    expect(ollamaHostUrl('gpu-box:9000')).toBe('http://gpu-box:9000');
    expect(ollamaHostUrl('http://gpu-box')).toBe('http://gpu-box');
    expect(ollamaHostUrl('https://ollama.example.com/')).toBe('https://ollama.example.com');
    expect(ollamaHostUrl('https://ollama.example.com:8443/prefix/')).toBe('https://ollama.example.com:8443/prefix');
    expect(ollamaHostUrl('[::]:11434')).toBe('http://[::1]:11434');
    expect(ollamaHostUrl('http://[::1]:11434')).toBe('http://[::1]:11434');
  });

  it('decides where createOllama sends requests, unless host or baseUrl say otherwise', () => {
    expect(urlOf(createOllama({ env: {} }))).toBe('http://127.0.0.1:11434/v1');
    expect(urlOf(createOllama({ env: { OLLAMA_HOST: 'gpu-box' } }))).toBe('http://gpu-box:11434/v1');
    expect(urlOf(createOllama({ env: { OLLAMA_HOST: 'gpu-box' }, host: 'other:1234' }))).toBe('http://other:1234/v1');
    expect(urlOf(createOllama({ env: { OLLAMA_HOST: 'gpu-box' }, baseUrl: 'http://proxy/ollama/v1' }))).toBe('http://proxy/ollama/v1');
  });
});

describe('createOllama', () => {
  it('needs no key, and sends max_completion_tokens as max_tokens', async () => {
    const provider = createOllama({ host: root, env: {} });
    expect(provider.id).toBe('ollama');
    expect(provider.connector).toBe('ollama.llm.v1');
    expect(provider.models).toEqual(OLLAMA_MODELS);
    await provider.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 20 }, call());
    await provider.chat({ model: 'llama3.2', messages: [], max_completion_tokens: 20, max_tokens: 5 }, call());
    expect(server.requests[0]?.headers['authorization']).toBeUndefined();
    expect(server.requests[0]?.body).toEqual({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 20 });
    expect(server.requests[1]?.body).toEqual({ model: 'llama3.2', messages: [], max_tokens: 5 });
  });

  it("passes Ollama's and OpenAI's other parameters through untouched, and streams with usage", async () => {
    const provider = createOllama({ host: root, env: {} });
    const params = { model: 'qwen2.5', messages: [], reasoning_effort: 'low', seed: 1, stop: ['x'], response_format: { type: 'json_object' } };
    await provider.chat(params as never, call());
    expect(server.requests[0]?.body).toEqual(params);
    let text = '';
    for await (const chunk of await provider.chatStream({ model: 'qwen2.5', messages: [{ role: 'user', content: 'Go' }], stream: true }, call())) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo: Go');
    expect(server.requests[1]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("reports a model that is not pulled as a 404 the router can fail over from", async () => {
    server.script({ kind: 'status', status: 404, body: { error: { message: 'model "llama3.2" not found, try pulling it first', type: 'api_error', param: null, code: null } } });
    const error = (await createOllama({ host: root, env: {} }).chat({ model: 'llama3.2', messages: [] }, call()).catch((e: unknown) => e)) as { name: string; status?: number; message: string };
    expect(error.name).toBe('ProviderHttpError');
    expect(error.status).toBe(404);
    expect(error.message).toContain('try pulling it first');
  });
});

describe('providerPlugin', () => {
  it("declares Ollama for config and detection, with the original project's id", () => {
    expect(providerPlugin.connector).toBe('ollama.llm.v1');
    expect(providerPlugin.aliases).toEqual(['ollama', 'ollama.local.v1']);
    expect(providerPlugin.envVars).toEqual(['OLLAMA_HOST']);
    expect(providerPlugin.defaultId).toBe('ollama');
    expect(providerPlugin.models).toBe(OLLAMA_MODELS);
  });

  it('is enabled by OLLAMA_HOST only, with no key', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ OLLAMA_HOST: '' })).toBeUndefined();
    expect(providerPlugin.detect?.({ OLLAMA_HOST: '0.0.0.0' })).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1' });
    expect(providerPlugin.detect?.({ OLLAMA_HOST: 'gpu-box:11434' })).toEqual({ baseUrl: 'http://gpu-box:11434/v1' });
  });

  it('takes base_url as the server or its /v1 endpoint, and never reads process.env', () => {
    vi.stubEnv('OLLAMA_HOST', 'from-process:1');
    expect(urlOf(providerPlugin.create({ id: 'ollama' }))).toBe('http://127.0.0.1:11434/v1');
    expect(urlOf(providerPlugin.create({ id: 'ollama', env: { OLLAMA_HOST: 'gpu-box' } }))).toBe('http://gpu-box:11434/v1');
    expect(urlOf(providerPlugin.create({ id: 'gpu', baseUrl: 'http://gpu:11434' }))).toBe('http://gpu:11434/v1');
    expect(urlOf(providerPlugin.create({ id: 'gpu', baseUrl: 'http://gpu:11434/v1/' }))).toBe('http://gpu:11434/v1');
  });
});

describe('create() from modelmesh with OLLAMA_HOST set', () => {
  it('answers chat through a default model (the README example)', async () => {
    vi.stubEnv('OLLAMA_HOST', root);
    const client = create('chat-completion', { plugins: [providerPlugin] });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hello!' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
      expect(['llama3.2', 'qwen2.5']).toContain(server.requests[0]?.model);
      expect(server.requests[0]?.headers['authorization']).toBeUndefined();
    } finally {
      await client.close();
    }
  });

  it('fails over to the other default model when one is not pulled', async () => {
    server.script({ kind: 'status', status: 404, body: { error: { message: 'model not found, try pulling it first', type: 'api_error' } } });
    const client = create('chat-completion', { plugins: [providerPlugin], env: { OLLAMA_HOST: root } });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hi');
      expect(server.requests).toHaveLength(2);
      expect(server.requests[0]?.model).not.toBe(server.requests[1]?.model);
    } finally {
      await client.close();
    }
  });

  it("serves embeddings with nomic-embed-text, and accepts the original project's ollama.local.v1", async () => {
    const client = create('embeddings', {
      plugins: [providerPlugin],
      env: {},
      config: {
        providers: { local: { connector: 'ollama.local.v1', base_url: root } },
        models: { nomic: { provider: 'local', model: 'nomic-embed-text' } },
        pools: { embeddings: { capability: 'text-embeddings' } },
      },
    });
    try {
      const result = await client.embeddings.create({ model: 'embeddings', input: ['a', 'b'] });
      expect(result.data).toHaveLength(2);
      expect(server.requests[0]?.path).toBe('/v1/embeddings');
      expect(server.requests[0]?.model).toBe('nomic-embed-text');
    } finally {
      await client.close();
    }
  });
});

describe('OLLAMA_MODELS', () => {
  it('is a small documented list: known capabilities, free, with context windows', () => {
    expect(OLLAMA_MODELS.map((m) => m.id)).toEqual(['llama3.2', 'qwen2.5', 'nomic-embed-text']);
    for (const model of OLLAMA_MODELS) {
      for (const capability of model.capabilities) expect(isKnown(capability), `${model.id}: ${capability}`).toBe(true);
      expect(model.pricing).toEqual({ input: 0, output: 0 });
      expect(model.contextWindow).toBeGreaterThan(0);
      expect(model.limits).toBeUndefined();
    }
  });
});

describe('as an installed package', () => {
  it('is found by create() without being passed as a plugin', async () => {
    const client = create('chat-completion', { env: { OLLAMA_HOST: root } });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Found' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Found');
      expect(OLLAMA_MODELS.map((m) => m.id)).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });
});
