import { startFakeGeminiServer, geminiRateLimited, geminiStatus, type FakeGeminiServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { afterEach, describe, expect, it } from 'vitest';
import { GOOGLE_MODELS, providerPlugin } from '../src/index.js';

const API_KEY = 'AIzaSyEndToEndKey-000001';
const servers: FakeGeminiServer[] = [];

async function fakeServer(options: Parameters<typeof startFakeGeminiServer>[0] = {}): Promise<FakeGeminiServer> {
  const server = await startFakeGeminiServer(options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const chatModels = GOOGLE_MODELS.filter((m) => m.capabilities.includes('chat-completion')).map((m) => m.id);
const embeddingModels = GOOGLE_MODELS.filter((m) => m.capabilities.includes('text-embeddings')).map((m) => m.id);

describe('create() with GEMINI_API_KEY and GEMINI_BASE_URL', () => {
  const env = (server: FakeGeminiServer) => ({ GEMINI_API_KEY: API_KEY, GEMINI_BASE_URL: server.url });

  it('answers a chat completion in the OpenAI shape', async () => {
    const server = await fakeServer({ apiKey: API_KEY });
    const client = create('chat-completion', { plugins: [providerPlugin], env: env(server) });
    try {
      const response = await client.chat.completions.create({
        model: 'chat-completion',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello!' },
        ],
      });
      expect(response.object).toBe('chat.completion');
      expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
      expect(response.usage?.total_tokens).toBeGreaterThan(0);
      const request = server.requests[0];
      expect(request?.headers['x-goog-api-key']).toBe(API_KEY);
      expect(request?.query['key']).toBeUndefined();
      expect(chatModels).toContain(request?.model);
      expect(request?.body).toMatchObject({ systemInstruction: { parts: [{ text: 'Be brief.' }] }, contents: [{ role: 'user', parts: [{ text: 'Hello!' }] }] });
    } finally {
      await client.close();
    }
  });

  it('streams', async () => {
    const server = await fakeServer({ apiKey: API_KEY });
    const client = create('chat-completion', { plugins: [providerPlugin], env: env(server) });
    try {
      const stream = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Tell me a story' }], stream: true });
      let text = '';
      let finish: string | null = null;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      expect(text).toBe('Echo: Tell me a story');
      expect(finish).toBe('stop');
      expect(server.requests[0]?.stream).toBe(true);
      expect(server.requests[0]?.query).toEqual({ alt: 'sse' });
    } finally {
      await client.close();
    }
  });

  it('runs a tool-calling conversation', async () => {
    const server = await fakeServer({ apiKey: API_KEY });
    const client = create('chat-completion', { plugins: [providerPlugin], env: env(server) });
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
    try {
      server.script({ kind: 'ok', functionCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] }, { kind: 'ok', text: 'It is 21 °C in Paris.' });
      const first = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools });
      const toolCall = first.choices[0]?.message.tool_calls?.[0];
      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
      expect(toolCall?.type === 'function' ? JSON.parse(toolCall.function.arguments) : undefined).toEqual({ city: 'Paris' });
      const second = await client.chat.completions.create({
        model: 'chat-completion',
        tools,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: null, tool_calls: first.choices[0]?.message.tool_calls ?? [] },
          { role: 'tool', tool_call_id: toolCall?.id ?? '', content: '{"celsius":21}' },
        ],
      });
      expect(second.choices[0]?.message.content).toBe('It is 21 °C in Paris.');
      expect((server.requests[1]?.body as { contents: unknown[] }).contents).toEqual([
        { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { celsius: 21 } } }] },
      ]);
    } finally {
      await client.close();
    }
  });

  it('serves embeddings (text-embeddings) through the same environment', async () => {
    const server = await fakeServer({ apiKey: API_KEY });
    const client = create('text-embeddings', { plugins: [providerPlugin], env: env(server) });
    try {
      const many = await client.embeddings.create({ model: 'text-embeddings', input: ['a', 'b'] });
      const one = await client.embeddings.create({ model: 'text-embeddings', input: 'a' });
      expect(many.data).toHaveLength(2);
      expect(one.data[0]?.embedding).toEqual(many.data[0]?.embedding);
      expect(server.requests.map((r) => r.rpc)).toEqual(['batchEmbedContents', 'embedContent']);
      expect(embeddingModels).toContain(server.requests[0]?.model);
    } finally {
      await client.close();
    }
  });

  it('surfaces a safety block as ContentFilteredError with the category', async () => {
    const server = await fakeServer({ apiKey: API_KEY });
    const client = create('chat-completion', { plugins: [providerPlugin], env: env(server) });
    try {
      server.script({ kind: 'prompt-blocked', category: 'HARM_CATEGORY_DANGEROUS_CONTENT' });
      const error: unknown = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ContentFilteredError', reason: 'HARM_CATEGORY_DANGEROUS_CONTENT' });
      expect(server.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('finds the plugin without being told, as an installed package', async () => {
    const server = await fakeServer({ apiKey: API_KEY });
    const client = create('chat-completion', { env: env(server) });
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Auto' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Auto');
    } finally {
      await client.close();
    }
  });
});

describe('a pool of two Gemini accounts', () => {
  async function twoAccountPool() {
    const first = await fakeServer({ apiKey: 'AIza-first-account-key' });
    const second = await fakeServer({ apiKey: 'AIza-second-account-key' });
    const client = create('chat', {
      plugins: [providerPlugin],
      env: {},
      config: {
        providers: {
          first: { connector: 'gemini', api_key: 'AIza-first-account-key', base_url: first.url },
          second: { connector: 'google', api_key: 'AIza-second-account-key', base_url: second.url },
        },
        models: {
          'first-flash': { provider: 'first', model: 'gemini-2.5-flash', priority: 1 },
          'second-flash': { provider: 'second', model: 'gemini-2.5-flash', priority: 2 },
        },
        pools: {
          chat: { capability: 'chat-completion', strategy: 'priority', retry: { max_attempts_per_model: 2, backoff: 'fixed', initial_delay: '1ms', max_delay: '1ms' } },
        },
      },
    });
    return { first, second, client };
  }

  it('fails over when the first answers 503s, with capabilities and limits completed from the defaults', async () => {
    const { first, second, client } = await twoAccountPool();
    try {
      first.script(geminiStatus(503), geminiStatus(503), geminiStatus(503));
      const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hi');
      expect(first.requests.length).toBeGreaterThanOrEqual(1);
      expect(second.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('fails over from a quota error, streaming included', async () => {
    const { first, second, client } = await twoAccountPool();
    try {
      first.script(geminiRateLimited({ retryDelay: '3600s' }), geminiRateLimited({ retryDelay: '3600s' }));
      const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Stream it' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Echo: Stream it');
      expect(second.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('fails over when a stream dies before its first token', async () => {
    const { first, second, client } = await twoAccountPool();
    try {
      first.script({ kind: 'stream-error', afterChunks: 0 }, { kind: 'stream-error', afterChunks: 0 });
      const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Again' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Echo: Again');
      expect(first.requests.length).toBeGreaterThanOrEqual(1);
      expect(second.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});
