import { providerPlugin as compatiblePlugin } from '@modelmesh/providers-openai-compatible';
import { httpStatus, startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { providerPlugin } from '../src/index.js';

const API_KEY = 'sk-end-to-end-key-0001';
const servers: FakeOpenAIServer[] = [];

async function fakeServer(options: Parameters<typeof startFakeOpenAIServer>[0] = {}): Promise<FakeOpenAIServer> {
  const server = await startFakeOpenAIServer(options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('create("chat-completion") with OPENAI_API_KEY and OPENAI_BASE_URL set', () => {
  let server: FakeOpenAIServer;
  beforeEach(async () => {
    server = await fakeServer({ apiKey: API_KEY });
    vi.stubEnv('OPENAI_API_KEY', API_KEY);
    vi.stubEnv('OPENAI_BASE_URL', server.url);
  });

  it('answers a chat completion exactly as the quick start shows', async () => {
    const client = create('chat-completion', { plugins: [providerPlugin] });
    try {
      const response = await client.chat.completions.create({
        model: 'chat-completion',
        messages: [{ role: 'user', content: 'Hello!' }],
      });
      expect(response.choices[0]?.message.content).toBe('Echo: Hello!');
      expect(response.object).toBe('chat.completion');
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
      // The pool routes to a real OpenAI model id, not the virtual name.
      expect(server.requests[0]?.model).not.toBe('chat-completion');
      expect(response.usage?.total_tokens).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('streams', async () => {
    const client = create('chat-completion', { plugins: [providerPlugin] });
    try {
      const stream = await client.chat.completions.create({
        model: 'chat-completion',
        messages: [{ role: 'user', content: 'Tell me a story' }],
        stream: true,
      });
      let text = '';
      let finish: string | null = null;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      expect(text).toBe('Echo: Tell me a story');
      expect(finish).toBe('stop');
      expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    } finally {
      await client.close();
    }
  });

  it('finds the plugin without being told, as an installed package', async () => {
    const client = create('chat-completion');
    try {
      const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Auto' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Auto');
    } finally {
      await client.close();
    }
  });

  it('serves embeddings through the same environment', async () => {
    const client = create('text-embeddings', { plugins: [providerPlugin] });
    try {
      const result = await client.embeddings.create({ model: 'text-embeddings', input: ['a', 'b'] });
      expect(result.data).toHaveLength(2);
      expect(server.requests[0]?.model).toMatch(/^text-embedding-3/);
    } finally {
      await client.close();
    }
  });
});

describe('a pool of two OpenAI-compatible endpoints', () => {
  async function twoEndpointPool() {
    const first = await fakeServer();
    const second = await fakeServer();
    const client = create('chat', {
      plugins: [compatiblePlugin],
      env: {},
      config: {
        providers: {
          first: { connector: 'openai-compatible', base_url: first.url },
          second: { connector: 'vllm', base_url: second.url },
        },
        models: {
          'first-llama': { provider: 'first', model: 'llama-3.1-8b', capabilities: ['chat-completion'], priority: 1 },
          'second-llama': { provider: 'second', model: 'llama-3.1-8b', capabilities: ['chat-completion'], priority: 2 },
        },
        pools: {
          chat: {
            capability: 'chat-completion',
            strategy: 'priority',
            retry: { max_attempts_per_model: 2, backoff: 'fixed', initial_delay: '1ms', max_delay: '1ms' },
          },
        },
      },
    });
    return { first, second, client };
  }

  it('fails over when the first endpoint answers 503s', async () => {
    const { first, second, client } = await twoEndpointPool();
    try {
      first.script(httpStatus(503), httpStatus(503), httpStatus(503));
      const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hi');
      expect(first.requests.length).toBeGreaterThanOrEqual(1);
      expect(second.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('fails over when the first endpoint resets connections, streaming included', async () => {
    const { first, second, client } = await twoEndpointPool();
    try {
      first.script({ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' });
      const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Stream it' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Echo: Stream it');
      expect(first.requests.length).toBeGreaterThanOrEqual(1);
      expect(second.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('stays on the first endpoint while it is healthy', async () => {
    const { first, second, client } = await twoEndpointPool();
    try {
      await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      expect(first.requests).toHaveLength(1);
      expect(second.requests).toHaveLength(0);
    } finally {
      await client.close();
    }
  });
});
