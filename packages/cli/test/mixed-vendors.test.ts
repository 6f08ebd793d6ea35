// One pool over OpenAI-, Anthropic- and Gemini-wire servers: whichever vendor serves, the caller
// sees the same OpenAI shape, for a tool-calling conversation and for a stream, and the pool
// fails over across vendors when one misbehaves.
import { createMesh, type ChatCompletion, type ChatCompletionMessageParam, type ChatCompletionTool, type MeshClient } from '@modelmesh/core';
import { providerPlugin as anthropic } from '@modelmesh/providers-anthropic';
import { providerPlugin as google } from '@modelmesh/providers-google';
import { providerPlugin as openai } from '@modelmesh/providers-openai';
import {
  startFakeAnthropicServer,
  startFakeGeminiServer,
  startFakeOpenAIServer,
  type FakeAnthropicServer,
  type FakeGeminiServer,
  type FakeOpenAIServer,
} from '@modelmesh/testing/servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const weather: ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

let servers: { openai: FakeOpenAIServer; anthropic: FakeAnthropicServer; gemini: FakeGeminiServer };

beforeAll(async () => {
  servers = { openai: await startFakeOpenAIServer(), anthropic: await startFakeAnthropicServer(), gemini: await startFakeGeminiServer() };
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});
beforeEach(() => Object.values(servers).forEach((server) => server.reset()));

/** A mesh whose pool "chat" holds one model per vendor, `first` preferred. */
function mesh(first: 'gpt-4o-mini' | 'claude-haiku-4-5' | 'gemini-2.5-flash'): MeshClient {
  const models = ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash'];
  return createMesh({
    plugins: [openai, anthropic, google],
    config: {
      providers: {
        openai: { connector: 'openai', api_key: 'sk-mixed-openai', base_url: servers.openai.url },
        anthropic: { connector: 'anthropic', api_key: 'sk-ant-mixed', base_url: servers.anthropic.url },
        google: { connector: 'google', api_key: 'mixed-gemini-key', base_url: servers.gemini.url },
      },
      models: {
        'gpt-4o-mini': { provider: 'openai', capabilities: ['chat-completion'] },
        'claude-haiku-4-5': { provider: 'anthropic', capabilities: ['chat-completion'] },
        'gemini-2.5-flash': { provider: 'google', capabilities: ['chat-completion'] },
      },
      pools: { chat: { models: [first, ...models.filter((m) => m !== first)], strategy: 'priority', retry: { max_attempts_per_model: 1, backoff: 'none' } } },
    },
  });
}

/** Scripts every vendor to ask for the weather tool, then answer in text. */
function scriptToolCall(): void {
  servers.openai.script({ kind: 'ok', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], finishReason: 'tool_calls' }, { kind: 'ok', content: 'It is sunny in Paris.' });
  servers.anthropic.script({ kind: 'ok', toolUses: [{ id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }], stopReason: 'tool_use' }, { kind: 'ok', content: 'It is sunny in Paris.' });
  servers.gemini.script({ kind: 'ok', functionCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] }, { kind: 'ok', text: 'It is sunny in Paris.' });
}

function expectOpenAIShape(response: ChatCompletion): void {
  expect(response.object).toBe('chat.completion');
  expect(typeof response.id).toBe('string');
  expect(response.choices).toHaveLength(1);
  expect(response.choices[0]?.message.role).toBe('assistant');
  expect(response.usage?.total_tokens).toBeGreaterThan(0);
}

describe.each(['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash'] as const)('a mixed pool served by %s', (first) => {
  it('runs a tool-calling conversation in the OpenAI shape', async () => {
    const client = mesh(first);
    scriptToolCall();
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const asked = await client.chat.completions.create({ model: 'chat', messages, tools: [weather] });
    expectOpenAIShape(asked);
    expect(asked.model).toContain(first.split('-')[0]);
    expect(asked.choices[0]?.finish_reason).toBe('tool_calls');
    const call = asked.choices[0]?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(call.id.length).toBeGreaterThan(0);
    messages.push(asked.choices[0]!.message as ChatCompletionMessageParam, { role: 'tool', tool_call_id: call.id, content: '{"sky":"sunny"}' });
    const answered = await client.chat.completions.create({ model: 'chat', messages, tools: [weather] });
    expectOpenAIShape(answered);
    expect(answered.choices[0]?.finish_reason).toBe('stop');
    expect(answered.choices[0]?.message.content).toBe('It is sunny in Paris.');
    await client.close();
  });

  it('streams OpenAI chunks: role first, text in order, one finish reason, usage last', async () => {
    const client = mesh(first);
    servers.openai.script({ kind: 'ok', chunks: ['Route ', 'by ', 'capability.'] });
    servers.anthropic.script({ kind: 'ok', chunks: ['Route ', 'by ', 'capability.'] });
    servers.gemini.script({ kind: 'ok', chunks: ['Route ', 'by ', 'capability.'] });
    const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Why?' }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Route by capability.');
    expect(chunks.filter((c) => c.choices.some((choice) => choice.finish_reason !== null))).toHaveLength(1);
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
    await client.close();
  });
});

describe('failover across vendors', () => {
  it('moves from OpenAI to Anthropic on 503s, and from Anthropic to Gemini on an overloaded stream', async () => {
    const client = mesh('gpt-4o-mini');
    const served: string[] = [];
    client.on('request.completed', (e) => served.push(e.modelKey ?? 'failed'));
    servers.openai.script({ kind: 'status', status: 503 });
    const first = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
    expectOpenAIShape(first);
    servers.openai.script({ kind: 'status', status: 503 });
    servers.anthropic.script({ kind: 'stream-error', afterChunks: 0, error: { type: 'overloaded_error', message: 'Overloaded' } });
    const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi again' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(served).toEqual(['claude-haiku-4-5', 'gemini-2.5-flash']);
    await client.close();
  });
});
