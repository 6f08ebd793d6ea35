import { createMesh } from '@modelmesh/core';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { afterEach, describe, expect, it } from 'vitest';
import { createOllama } from '../src/index.js';
import { startFakeOllama, type FakeOllama } from './support/ollama-server.js';

/** `GET /api/tags` as Ollama answers it. */
const TAGS = {
  models: [
    { name: 'llama3.2:latest', model: 'llama3.2:latest', size: 2019393189, digest: 'a80c4f17acd5', details: { format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' } },
    { name: 'llava:7b', model: 'llava:7b', details: { family: 'llama', families: ['llama', 'clip'], parameter_size: '7B' } },
    { name: 'nomic-embed-text:latest', model: 'nomic-embed-text:latest', details: { family: 'nomic-bert', families: ['nomic-bert'], parameter_size: '137M' } },
    { name: 'gemma3:4b', model: 'gemma3:4b', details: { family: 'gemma3', families: ['gemma3'] } },
  ],
};

/** `POST /api/show` as Ollama 0.6.4+ answers it (abridged). */
const SHOW = {
  'llama3.2:latest': { capabilities: ['completion', 'tools'], model_info: { 'general.architecture': 'llama', 'llama.context_length': 131072 }, details: { family: 'llama' } },
  'llava:7b': { capabilities: ['completion', 'vision'], model_info: { 'general.architecture': 'llama', 'llama.context_length': 32768 } },
  'nomic-embed-text:latest': { capabilities: ['embedding'], model_info: { 'general.architecture': 'nomic-bert', 'nomic-bert.context_length': 2048 } },
  'gemma3:4b': { capabilities: ['completion', 'vision'], model_info: { 'general.architecture': 'gemma3', 'gemma3.context_length': 131072 } },
};

const FREE = { input: 0, output: 0 };
let ollama: FakeOllama | undefined;
let openai: FakeOpenAIServer | undefined;
afterEach(async () => {
  await ollama?.close();
  await openai?.close();
  ollama = undefined;
  openai = undefined;
});

describe('listModels() from /api/tags and /api/show', () => {
  it("describes each pulled model with Ollama's own capabilities and context length", async () => {
    ollama = await startFakeOllama({ tags: TAGS, show: SHOW });
    const provider = createOllama({ host: ollama.root, env: {} });
    const models = await provider.listModels();
    expect(models).toEqual([
      { id: 'llama3.2:latest', capabilities: ['chat-completion', 'tool-calling'], features: { tools: true, vision: false, streaming: true }, pricing: FREE, contextWindow: 131072 },
      { id: 'llava:7b', capabilities: ['chat-completion', 'image-to-text'], features: { tools: false, vision: true, streaming: true }, pricing: FREE, contextWindow: 32768 },
      { id: 'nomic-embed-text:latest', capabilities: ['text-embeddings'], pricing: FREE, contextWindow: 2048 },
      { id: 'gemma3:4b', capabilities: ['chat-completion', 'image-to-text'], features: { tools: false, vision: true, streaming: true }, pricing: FREE, contextWindow: 131072 },
    ]);
    expect(ollama.requests[0]).toMatchObject({ method: 'GET', path: '/api/tags' });
    expect(ollama.requests.filter((r) => r.path === '/api/show').map((r) => r.body)).toEqual(expect.arrayContaining(TAGS.models.map((m) => ({ model: m.name }))));
  });

  it('guesses from the name and families when /api/show says nothing useful (older Ollama)', async () => {
    ollama = await startFakeOllama({ tags: TAGS, show: { 'llama3.2:latest': { modelfile: '...', details: { family: 'llama' } } } });
    const models = await createOllama({ host: ollama.root, env: {} }).listModels();
    expect(models).toEqual([
      { id: 'llama3.2:latest', capabilities: ['chat-completion'], features: { vision: false, streaming: true }, pricing: FREE },
      { id: 'llava:7b', capabilities: ['chat-completion', 'image-to-text'], features: { vision: true, streaming: true }, pricing: FREE },
      { id: 'nomic-embed-text:latest', capabilities: ['text-embeddings'], pricing: FREE },
      { id: 'gemma3:4b', capabilities: ['chat-completion'], features: { vision: false, streaming: true }, pricing: FREE },
    ]);
  });

  it('asks only /api/tags with discoverDetails: false, and keeps configured specs', async () => {
    ollama = await startFakeOllama({ tags: TAGS, show: SHOW });
    const configured = { id: 'gemma3:4b', capabilities: ['chat-completion', 'image-to-text'], contextWindow: 8192 };
    const models = await createOllama({ host: ollama.root, env: {}, discoverDetails: false, models: [configured] }).listModels();
    expect(models.map((m) => m.id)).toEqual(['llama3.2:latest', 'llava:7b', 'nomic-embed-text:latest', 'gemma3:4b']);
    expect(models[3]).toBe(configured);
    expect(ollama.requests.map((r) => r.path)).toEqual(['/api/tags']);
  });

  it('falls back to GET /v1/models when the server has no /api/tags', async () => {
    openai = await startFakeOpenAIServer();
    const models = await createOllama({ baseUrl: openai.url, env: {} }).listModels();
    expect(models.map((m) => m.id)).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-4o-mini']));
    expect(openai.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/tags', 'GET /v1/models']);
  });

  it('fails with malformed_response when /api/tags is not a model list', async () => {
    ollama = await startFakeOllama({ tags: { hello: 'world' } });
    const error = (await createOllama({ host: ollama.root, env: {} }).listModels().catch((e: unknown) => e)) as { code?: string };
    expect(error.code).toBe('malformed_response');
  });

  it('feeds createMesh: a pool of exactly the discovered models answers through /v1', async () => {
    ollama = await startFakeOllama({ tags: TAGS, show: SHOW });
    openai = await startFakeOpenAIServer();
    // The native API and the OpenAI endpoint of one Ollama; two fakes stand in for the two halves.
    const provider = createOllama({ host: ollama.root, baseUrl: openai.url, env: {} });
    const mesh = createMesh({
      providers: [{ provider, models: await provider.listModels() }],
      config: { pools: { vision: { capability: 'image-to-text' }, embed: { capability: 'text-embeddings' } } },
    });
    try {
      const answer = await mesh.chat.completions.create({ model: 'vision', messages: [{ role: 'user', content: 'Describe it' }] });
      expect(answer.choices[0]?.message.content).toBe('Echo: Describe it');
      expect(['llava:7b', 'gemma3:4b']).toContain(openai.requests[0]?.model);
      const vectors = await mesh.embeddings.create({ model: 'embed', input: 'hi' });
      expect(vectors.data).toHaveLength(1);
      expect(openai.requests[1]?.model).toBe('nomic-embed-text:latest');
      expect(mesh.usage.totalCost).toBe(0);
    } finally {
      await mesh.close();
    }
  });
});
