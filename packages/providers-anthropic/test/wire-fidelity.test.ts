import Anthropic from '@anthropic-ai/sdk';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming, ProviderCall } from '@modelmesh/provider';
import { startFakeAnthropicServer, validateAnthropicRequest, type FakeAnthropicServer } from '@modelmesh/testing/servers';
import { drain } from '@modelmesh/testing/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropic } from '../src/index.js';

/*
 * The official SDK is the oracle for writing the wire: for an OpenAI-shaped input, the body our
 * provider sends must equal the body `@anthropic-ai/sdk` sends for the equivalent native input,
 * both recorded by the fake Anthropic server (which also checks them as the API would).
 */

const API_KEY = 'sk-ant-wire-fidelity-0001';
let server: FakeAnthropicServer;
let official: Anthropic;

beforeAll(async () => {
  server = await startFakeAnthropicServer({ apiKey: API_KEY });
  official = new Anthropic({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const provider = () => createAnthropic({ apiKey: API_KEY, baseUrl: server.url, env: {}, onWarning: () => undefined });

/** The bodies of the last two requests: the SDK's, then ours. */
function lastTwoBodies(): [unknown, unknown] {
  const records = server.requests;
  return [records.at(-2)?.body, records.at(-1)?.body];
}

const weatherParams = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface Case {
  openai: ChatCompletionCreateParamsNonStreaming;
  native: Anthropic.MessageCreateParamsNonStreaming;
}

const cases: Record<string, Case> = {
  'system hoisted, stop sequences, user id': {
    openai: {
      model: 'claude-haiku-4-5',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello!' },
      ],
      max_completion_tokens: 64,
      stop: ['END', 'STOP'],
      user: 'user-42',
    },
    native: { model: 'claude-haiku-4-5', system: 'Be brief.', messages: [{ role: 'user', content: 'Hello!' }], max_tokens: 64, stop_sequences: ['END', 'STOP'], metadata: { user_id: 'user-42' } },
  },
  'several system and developer messages become system blocks': {
    openai: {
      model: 'claude-haiku-4-5',
      messages: [
        { role: 'system', content: 'You are a pirate.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
        { role: 'user', content: 'Ahoy?' },
      ],
      max_tokens: 32,
    },
    native: {
      model: 'claude-haiku-4-5',
      system: [
        { type: 'text', text: 'You are a pirate.' },
        { type: 'text', text: 'Answer in English.' },
      ],
      messages: [{ role: 'user', content: 'Ahoy?' }],
      max_tokens: 32,
    },
  },
  'turns repaired: a leading assistant turn gets a user turn, consecutive user turns merge': {
    openai: {
      model: 'claude-haiku-4-5',
      messages: [
        { role: 'assistant', content: 'Hi! What shall we talk about?' },
        { role: 'user', content: 'Cats.' },
        { role: 'user', content: [{ type: 'text', text: 'Short, please.' }] },
      ],
      max_tokens: 32,
    },
    native: {
      model: 'claude-haiku-4-5',
      messages: [
        { role: 'user', content: '(continued)' },
        { role: 'assistant', content: 'Hi! What shall we talk about?' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Cats.' },
            { type: 'text', text: 'Short, please.' },
          ],
        },
      ],
      max_tokens: 32,
    },
  },
  'tools, a named tool_choice, tool_use and tool_result turns': {
    openai: {
      model: 'claude-opus-4-5',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: 'Checking both.',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '{"celsius":18}' },
        { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '{"celsius":24}' }] },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: weatherParams } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      max_tokens: 128,
    },
    native: {
      model: 'claude-opus-4-5',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"celsius":18}' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: '{"celsius":24}' }] },
          ],
        },
      ],
      tools: [{ name: 'get_weather', description: 'Current weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
      tool_choice: { type: 'tool', name: 'get_weather' },
      max_tokens: 128,
    },
  },
  'tool_choice required without parallel calls': {
    openai: {
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherParams } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      max_tokens: 16,
    },
    native: {
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      max_tokens: 16,
    },
  },
  'images: a base64 data URL and an https URL': {
    openai: {
      model: 'claude-haiku-4-5',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'low' } },
          ],
        },
      ],
      max_tokens: 64,
    },
    native: {
      model: 'claude-haiku-4-5',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
      max_tokens: 64,
    },
  },
  'response_format json_schema → a forced tool with that schema': {
    openai: {
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Give me a city.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'city', description: 'A city', schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } },
      max_tokens: 64,
    },
    native: {
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Give me a city.' }],
      tools: [{ name: 'city', description: 'A city', input_schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } }],
      tool_choice: { type: 'tool', name: 'city' },
      max_tokens: 64,
    },
  },
};

describe('request bodies equal the official SDK for the equivalent native input', () => {
  for (const [name, { openai, native }] of Object.entries(cases)) {
    it(name, async () => {
      await official.messages.create(native);
      await provider().chat(openai, call());
      const [theirs, ours] = lastTwoBodies();
      expect(server.requests.slice(-2).map((r) => r.end)).toEqual(['completed', 'completed']);
      expect(ours).toEqual(theirs);
      expect(validateAnthropicRequest(ours)).toEqual([]);
    });
  }

  it('streams: the same body with stream: true', async () => {
    const openai: ChatCompletionCreateParamsStreaming = { model: 'claude-haiku-4-5', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Stream please' }], max_tokens: 32, stream: true };
    const theirStream = official.messages.stream({ model: 'claude-haiku-4-5', system: 'Be brief.', messages: [{ role: 'user', content: 'Stream please' }], max_tokens: 32 });
    await theirStream.finalMessage();
    const { error } = await drain(await provider().chatStream(openai, call()));
    expect(error).toBeUndefined();
    const [theirs, ours] = lastTwoBodies();
    expect(ours).toEqual(theirs);
    expect(ours).toMatchObject({ stream: true });
  });

  it('max_tokens, when the caller gives none, is the model limit from the default models', async () => {
    await provider().chat({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }] }, call());
    expect(server.requests.at(-1)?.body).toMatchObject({ max_tokens: 64_000 });
  });
});

describe('API version 2026-10-21 (what SDK 1.x sends)', () => {
  it('sampling parameters are left out, so the body equals the SDK body, which has none', async () => {
    const warnings: string[] = [];
    const newer = createAnthropic({ apiKey: API_KEY, baseUrl: server.url, env: {}, anthropicVersion: '2026-10-21', onWarning: (w) => warnings.push(w.param) });
    await official.messages.create({ model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    await newer.chat({ model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], temperature: 0.7, top_p: 0.9 }, call());
    const [theirs, ours] = lastTwoBodies();
    expect(ours).toEqual(theirs);
    expect(warnings).toEqual(['temperature', 'top_p']);
    expect(server.requests.map((r) => r.headers['anthropic-version'])).toEqual(['2026-10-21', '2026-10-21']);
  });
});

describe('headers', () => {
  /*
   * Documented differences: SDK 1.x sends the key as `Authorization: Bearer` and
   * `anthropic-version: 2026-10-21`; we send `x-api-key` (which the API prefers when both are
   * present, and which every API version takes) and `2023-06-01` by default, under which
   * temperature and top_p still exist.
   */
  it('sends the key, a version and the content type; the key the SDK sends as a bearer token goes as x-api-key', async () => {
    await official.messages.create({ model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] });
    await provider().chat({ model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }, call());
    const [theirs, ours] = server.requests.slice(-2).map((r) => r.headers);
    expect(ours?.['content-type']).toBe(theirs?.['content-type']);
    expect(theirs?.['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(ours?.['x-api-key']).toBe(API_KEY);
    expect(ours?.['authorization']).toBeUndefined();
    expect(theirs?.['anthropic-version']).toBe('2026-10-21');
    expect(ours?.['anthropic-version']).toBe('2023-06-01');
    expect(server.requests.slice(-2).map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages']);
  });
});
