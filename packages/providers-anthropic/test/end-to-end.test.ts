import { anthropicStreamError, startFakeAnthropicServer, type FakeAnthropicServer } from '@modelmesh/testing/servers';
import { create } from 'modelmesh';
import { afterEach, describe, expect, it } from 'vitest';
import { ANTHROPIC_MODELS, providerPlugin } from '../src/index.js';

const API_KEY = 'sk-ant-end-to-end-0001';
const servers: FakeAnthropicServer[] = [];

async function fakeServer(): Promise<FakeAnthropicServer> {
  const server = await startFakeAnthropicServer({ apiKey: API_KEY });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('create("chat-completion") with ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL', () => {
  const client = (server: FakeAnthropicServer) => create('chat-completion', { plugins: [providerPlugin], env: { ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: server.url } });

  it('answers a chat completion in the OpenAI shape', async () => {
    const server = await fakeServer();
    const mesh = client(server);
    try {
      const response = await mesh.chat.completions.create({
        model: 'chat-completion',
        messages: [
          { role: 'system', content: 'Be friendly.' },
          { role: 'user', content: 'Hello!' },
        ],
      });
      expect(response.object).toBe('chat.completion');
      expect(response.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Echo: Hello!' });
      expect(response.choices[0]?.finish_reason).toBe('stop');
      expect(response.usage?.total_tokens).toBeGreaterThan(0);
      expect(server.requests).toHaveLength(1);
      const request = server.requests[0];
      expect(request?.path).toBe('/v1/messages');
      expect(request?.headers['x-api-key']).toBe(API_KEY);
      // The pool routes to a real Claude model id, with the system prompt hoisted.
      expect(ANTHROPIC_MODELS.map((m) => m.id)).toContain(request?.model);
      expect(request?.body).toMatchObject({ system: 'Be friendly.', messages: [{ role: 'user', content: 'Hello!' }] });
    } finally {
      await mesh.close();
    }
  });

  it('streams', async () => {
    const server = await fakeServer();
    const mesh = client(server);
    try {
      server.script({ kind: 'ok', chunks: ['Once ', 'upon ', 'a ', 'time.'], usage: { input_tokens: 9, output_tokens: 4, cache_read_input_tokens: 3 } });
      const stream = await mesh.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Tell me a story' }], stream: true });
      let text = '';
      let finish: string | null = null;
      let usage: unknown;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        usage = chunk.usage ?? usage;
      }
      expect(text).toBe('Once upon a time.');
      expect(finish).toBe('stop');
      expect(usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 3 } });
      expect(server.requests[0]?.body).toMatchObject({ stream: true });
    } finally {
      await mesh.close();
    }
  });

  it('runs a tool-calling conversation in the OpenAI shape', async () => {
    const server = await fakeServer();
    const mesh = client(server);
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
    try {
      server.script({ kind: 'ok', toolUses: [{ id: 'toolu_e2e_1', name: 'get_weather', input: { city: 'Paris' } }] }, { kind: 'ok', content: 'It is 18°C in Paris.' });
      const first = await mesh.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools });
      const toolCall = first.choices[0]?.message.tool_calls?.[0];
      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
      expect(toolCall).toMatchObject({ id: 'toolu_e2e_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
      const second = await mesh.chat.completions.create({
        model: 'chat-completion',
        tools,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: first.choices[0]?.message.content ?? null, tool_calls: first.choices[0]?.message.tool_calls ?? [] },
          { role: 'tool', tool_call_id: 'toolu_e2e_1', content: '{"celsius":18}' },
        ],
      });
      expect(second.choices[0]?.message.content).toBe('It is 18°C in Paris.');
      expect(server.requests[1]?.body).toMatchObject({
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_e2e_1', name: 'get_weather', input: { city: 'Paris' } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_e2e_1', content: '{"celsius":18}' }] },
        ],
      });
    } finally {
      await mesh.close();
    }
  });

  it('finds the plugin without being told, as an installed package', async () => {
    const server = await fakeServer();
    const mesh = create('chat-completion', { env: { ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: server.url } });
    try {
      const response = await mesh.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Auto' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Auto');
    } finally {
      await mesh.close();
    }
  });
});

describe('a pool of two Anthropic accounts', () => {
  async function twoAccountPool() {
    const first = await fakeServer();
    const second = await fakeServer();
    const mesh = create('chat', {
      plugins: [providerPlugin],
      env: {},
      config: {
        providers: {
          first: { connector: 'anthropic', api_key: API_KEY, base_url: first.url },
          second: { connector: 'anthropic.llm.v1', api_key: API_KEY, base_url: second.url },
        },
        models: {
          'first-haiku': { provider: 'first', model: 'claude-haiku-4-5', priority: 1 },
          'second-haiku': { provider: 'second', model: 'claude-haiku-4-5', priority: 2 },
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
    return { first, second, mesh };
  }

  it('fails over when the first answers an overloaded_error event before any content', async () => {
    const { first, second, mesh } = await twoAccountPool();
    try {
      first.script(anthropicStreamError(0), anthropicStreamError(0), anthropicStreamError(0));
      const stream = await mesh.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Stream it' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Echo: Stream it');
      expect(first.requests.length).toBeGreaterThanOrEqual(1);
      expect(first.requests.every((r) => r.step?.kind === 'stream-error')).toBe(true);
      expect(second.requests).toHaveLength(1);
    } finally {
      await mesh.close();
    }
  });

  it('fails over when the first answers 529 overloaded', async () => {
    const { first, second, mesh } = await twoAccountPool();
    try {
      first.script({ kind: 'overloaded' }, { kind: 'overloaded' }, { kind: 'overloaded' });
      const response = await mesh.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      expect(response.choices[0]?.message.content).toBe('Echo: Hi');
      expect(second.requests).toHaveLength(1);
    } finally {
      await mesh.close();
    }
  });

  it('stays on the first account while it is healthy', async () => {
    const { first, second, mesh } = await twoAccountPool();
    try {
      await mesh.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
      expect(first.requests).toHaveLength(1);
      expect(second.requests).toHaveLength(0);
    } finally {
      await mesh.close();
    }
  });
});
