import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming, EmbeddingCreateParams, ProviderCall } from '@modelmesh/provider';
import { startFakeOpenAIServer, validateOpenAI, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI } from '../src/index.js';

/*
 * The official `openai` client is the oracle: for the same params, the body our provider sends
 * must equal the body the official client sends to the same fake server. Documented differences:
 * - streams: we add `stream_options: { include_usage: true }` (kept beside the caller's own
 *   stream options) so that usage and cost are known for every streamed request;
 * - embeddings: the official client adds `encoding_format: "base64"` when the caller gives none
 *   (and decodes the vectors itself); we send the caller's params as they are, so the server
 *   answers floats.
 */

const API_KEY = 'sk-test-wire-fidelity-0001';
let server: FakeOpenAIServer;
let official: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  official = new OpenAI({ baseURL: server.url, apiKey: API_KEY, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const provider = () => createOpenAI({ apiKey: API_KEY, baseUrl: server.url, env: {} });

/** The bodies the last two requests carried: the official client's, then ours. */
function lastTwoBodies(): [unknown, unknown] {
  const records = server.requests;
  return [records.at(-2)?.body, records.at(-1)?.body];
}

function expectValidRequest(body: unknown, schema = 'CreateChatCompletionRequest'): void {
  const result = validateOpenAI(schema, body);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    strict: true,
  },
};

const chatCases: Record<string, ChatCompletionCreateParamsNonStreaming> = {
  'plain chat': {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello!' },
    ],
    temperature: 0.3,
    max_completion_tokens: 64,
    stop: ['\n\n'],
    user: 'user-1',
  },
  'tools with tool_choice and parallel tool calls': {
    model: 'gpt-4o',
    messages: [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":18}' },
    ],
    tools: [weatherTool],
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
    parallel_tool_calls: true,
  },
  'tool_choice required': {
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Weather?' }],
    tools: [weatherTool],
    tool_choice: 'required',
    parallel_tool_calls: false,
  },
  'vision content': {
    model: 'gpt-4o',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this image?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ],
  },
  'response_format json_schema': {
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Give me a city.' }],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'city', strict: true, schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false } },
    },
  },
  'response_format json_object': {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'JSON please' }],
    response_format: { type: 'json_object' },
  },
  'n, seed and logprobs': {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Pick a number' }],
    n: 3,
    seed: 42,
    logprobs: true,
    top_logprobs: 2,
    frequency_penalty: 0.5,
    presence_penalty: -0.5,
    logit_bias: { '50256': -100 },
  },
};

describe('the spec check itself', () => {
  it('rejects bodies that break the spec, so a pass means something', () => {
    expect(validateOpenAI('CreateChatCompletionRequest', { model: 'gpt-4o', messages: 'hello' }).valid).toBe(false);
    expect(validateOpenAI('CreateChatCompletionRequest', { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], tool_choice: 'sometimes' }).valid).toBe(false);
  });
});

describe('request bodies equal the official client (non-streaming chat)', () => {
  for (const [name, params] of Object.entries(chatCases)) {
    it(name, async () => {
      const expected = await official.chat.completions.create(params as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
      const answer = await provider().chat(params, call());
      const [theirs, ours] = lastTwoBodies();
      expect(ours).toEqual(theirs);
      expect(ours).toEqual(params);
      expectValidRequest(ours);
      expect(answer.choices).toHaveLength(expected.choices.length);
      expect(validateOpenAI('CreateChatCompletionResponse', answer).errors).toEqual([]);
    });
  }

  it('passes unknown params through exactly as the official client does', async () => {
    const params = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }], brand_new_param: { nested: [1, 2] } };
    await official.chat.completions.create(params as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming);
    await provider().chat(params, call());
    const [theirs, ours] = lastTwoBodies();
    expect(ours).toEqual(theirs);
  });
});

describe('request bodies equal the official client (streaming)', () => {
  const streamCases: Record<string, ChatCompletionCreateParamsStreaming> = {
    'plain stream': { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Stream please' }], stream: true },
    'stream with tools': { model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather?' }], tools: [weatherTool], tool_choice: 'auto', stream: true },
    'stream with the caller asking for usage': { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: true, stream_options: { include_usage: true } },
  };
  for (const [name, params] of Object.entries(streamCases)) {
    it(name, async () => {
      const theirStream = await official.chat.completions.create(params as OpenAI.Chat.ChatCompletionCreateParamsStreaming);
      for await (const _chunk of theirStream) {
        // drain
      }
      const chunks = [];
      for await (const chunk of await provider().chatStream(params, call())) chunks.push(chunk);
      const [theirs, ours] = lastTwoBodies();
      // The documented difference: we always ask for usage.
      expect(ours).toEqual({ ...(theirs as object), stream_options: { ...params.stream_options, include_usage: true } });
      expectValidRequest(ours);
      expect(chunks.at(-1)?.usage).toBeTruthy();
      for (const chunk of chunks) expect(validateOpenAI('CreateChatCompletionStreamResponse', chunk).errors).toEqual([]);
    });
  }
});

describe('request bodies equal the official client (embeddings)', () => {
  it('with an explicit encoding_format, bodies are equal', async () => {
    const params: EmbeddingCreateParams = { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float', dimensions: 256 };
    await official.embeddings.create(params);
    const result = await provider().embed(params, call());
    const [theirs, ours] = lastTwoBodies();
    expect(ours).toEqual(theirs);
    expectValidRequest(ours, 'CreateEmbeddingRequest');
    expect(result.data).toHaveLength(2);
    expect(validateOpenAI('CreateEmbeddingResponse', result).errors).toEqual([]);
  });

  it('without one, the official client adds base64 and we send the params as given', async () => {
    const params: EmbeddingCreateParams = { model: 'text-embedding-3-small', input: 'hello' };
    await official.embeddings.create(params);
    const result = await provider().embed(params, call());
    const [theirs, ours] = lastTwoBodies();
    expect(theirs).toEqual({ ...params, encoding_format: 'base64' });
    expect(ours).toEqual(params);
    expect(Array.isArray(result.data[0]?.embedding)).toBe(true);
  });
});

describe('headers', () => {
  it('sends the same credentials, organization and project headers as the official client', async () => {
    const theirsClient = new OpenAI({ baseURL: server.url, apiKey: API_KEY, organization: 'org-123', project: 'proj_456', maxRetries: 0 });
    await theirsClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    await createOpenAI({ apiKey: API_KEY, baseUrl: server.url, organization: 'org-123', project: 'proj_456', env: {} }).chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, call());
    const [theirs, ours] = server.requests.slice(-2).map((r) => r.headers);
    for (const name of ['authorization', 'openai-organization', 'openai-project', 'content-type']) {
      expect(ours?.[name], name).toBe(theirs?.[name]);
    }
    expect(ours?.['authorization']).toBe(`Bearer ${API_KEY}`);
  });
});
