import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, validateOpenAI, type FakeOpenAIServer, type FakeStep } from '../src/servers/index.js';

let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  // The first call parses the 3 MB spec; do it here, under a generous timeout.
  validateOpenAI('Model', {});
}, 30_000);
afterEach(() => server.reset());
afterAll(() => server.close());

const messages = [{ role: 'user', content: 'validate me' }];
const post = async (path: string, body: unknown): Promise<Response> =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Every JSON `data:` event of an SSE body. */
async function streamEvents(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: ') && block !== 'data: [DONE]')
    .map((block) => JSON.parse(block.slice(6)) as unknown);
}

const answers: Record<string, FakeStep> = {
  text: { kind: 'ok' },
  length: { kind: 'ok', content: 'partial', finishReason: 'length' },
  tools: { kind: 'ok', toolCalls: [{ name: 'a', arguments: { x: 1 } }, { name: 'b', arguments: '{}' }] },
  'text and tools': { kind: 'ok', content: 'calling', toolCalls: [{ name: 'a', arguments: { y: [1, 2] } }] },
  'no usage': { kind: 'ok', usage: null },
};

describe('what the fake server sends validates against OpenAI’s OpenAPI spec', () => {
  it.each(Object.entries(answers))('chat completion JSON: %s', async (_, step) => {
    server.script(step);
    const body: unknown = await (await post('/chat/completions', { model: 'gpt-4o', messages })).json();
    expect(validateOpenAI('CreateChatCompletionResponse', body)).toEqual({ valid: true, errors: [] });
  });

  it.each(Object.entries(answers))('every SSE chunk: %s', async (_, step) => {
    server.script(step);
    const events = await streamEvents(await post('/chat/completions', { model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } }));
    expect(events.length).toBeGreaterThan(2);
    for (const event of events) expect(validateOpenAI('CreateChatCompletionStreamResponse', event)).toEqual({ valid: true, errors: [] });
  });

  it('embeddings, the model list and a model', async () => {
    const embeddings: unknown = await (await post('/embeddings', { model: 'text-embedding-3-small', input: ['a', 'b'] })).json();
    expect(validateOpenAI('CreateEmbeddingResponse', embeddings).errors).toEqual([]);
    const list: unknown = await (await fetch(`${server.url}/models`)).json();
    expect(validateOpenAI('ListModelsResponse', list).errors).toEqual([]);
    const model: unknown = await (await fetch(`${server.url}/models/gpt-4o`)).json();
    expect(validateOpenAI('Model', model).errors).toEqual([]);
  });

  it.each([{ kind: 'status', status: 429 }, { kind: 'status', status: 500 }, { kind: 'status', status: 401 }, { kind: 'context-length' }] satisfies FakeStep[])(
    'error body: $kind $status',
    async (step) => {
      server.script(step);
      const body: unknown = await (await post('/chat/completions', { model: 'gpt-4o', messages })).json();
      expect(validateOpenAI('ErrorResponse', body).errors).toEqual([]);
    },
  );

  it('content-filter is Azure’s body, whose `type: null` OpenAI’s schema does not allow', async () => {
    server.script({ kind: 'content-filter' });
    const body: unknown = await (await post('/chat/completions', { model: 'gpt-4o', messages })).json();
    expect(validateOpenAI('ErrorResponse', body).errors).toEqual(['/error/type: must be string']);
  });
});

describe('the validator', () => {
  it('rejects a broken response and says where', async () => {
    const body = (await (await post('/chat/completions', { model: 'gpt-4o', messages })).json()) as Record<string, unknown>;
    const broken = { ...body, object: 'chat.completions', choices: [{ index: '0', message: { role: 'assistant' } }] };
    const result = validateOpenAI('CreateChatCompletionResponse', broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/object/);
    expect(result.errors.join('\n')).toMatch(/\/choices\/0/);
  });

  it('rejects a chunk whose finish_reason is not OpenAI’s', () => {
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'done' }] };
    expect(validateOpenAI('CreateChatCompletionStreamResponse', chunk).valid).toBe(false);
    expect(validateOpenAI('CreateChatCompletionStreamResponse', { ...chunk, choices: [{ index: 0, delta: {}, finish_reason: null }] }).valid).toBe(true);
  });

  it('accepts nullable fields as null (OpenAPI 3.0 `nullable` converted)', () => {
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', usage: null, choices: [{ index: 0, delta: { content: null }, finish_reason: null, logprobs: null }] };
    expect(validateOpenAI('CreateChatCompletionStreamResponse', chunk).errors).toEqual([]);
  });

  it('throws for a schema name the spec does not have', () => {
    expect(() => validateOpenAI('NoSuchSchema', {})).toThrow(/NoSuchSchema/);
  });
});

describe('what the official client sends validates too (the oracle for request bodies)', () => {
  it('chat with tools, response_format and streaming options', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'what is the weather?' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: {} } } }],
      tool_choice: 'auto',
      response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' } } },
      temperature: 0.2,
      seed: 1,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
    const embed = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    void embed;
    expect(validateOpenAI('CreateChatCompletionRequest', server.requests[0]?.body).errors).toEqual([]);
    expect(validateOpenAI('CreateEmbeddingRequest', server.requests[1]?.body).errors).toEqual([]);
    expect(validateOpenAI('CreateChatCompletionRequest', { model: 'gpt-4o', messages: [] }).valid).toBe(false);
  });
});
