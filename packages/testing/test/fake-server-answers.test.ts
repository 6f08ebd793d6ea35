import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '../src/servers/index.js';

let server: FakeOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const messages = [{ role: 'user' as const, content: 'hello there' }];

describe('chat completions through the official openai client', () => {
  it('answers with deterministic echo text, usage and an OpenAI-shaped body', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Echo: hello there', refusal: null } }],
      usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(Number.isInteger(completion.created)).toBe(true);
  });

  it('plays scripted content, finish reason, usage and model', async () => {
    server.script({ kind: 'ok', content: 'cut short', finishReason: 'length', usage: { prompt_tokens: 11, completion_tokens: 2 }, model: 'gpt-4o-2024-08-06' });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.choices[0]?.message.content).toBe('cut short');
    expect(completion.model).toBe('gpt-4o-2024-08-06');
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 });
  });

  it('answers tool calls with ids, names and JSON arguments', async () => {
    server.script({ kind: 'ok', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { id: 'call_x', name: 'noop', arguments: '{}' }] });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      { id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_x', type: 'function', function: { name: 'noop', arguments: '{}' } },
    ]);
  });

  it('streams role, content pieces, finish, usage and [DONE]', async () => {
    server.script({ kind: 'ok', chunks: ['Hel', 'lo', '!'] });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello!');
    expect(chunks.filter((c) => c.choices[0]?.finish_reason).map((c) => c.choices[0]?.finish_reason)).toEqual(['stop']);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(server.requests[0]).toMatchObject({ stream: true, chunksSent: 6, end: 'completed' });
  });

  it('streams no usage chunk unless asked for', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.usage === undefined)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('streams tool-call arguments in pieces that assemble to the scripted JSON', async () => {
    server.script({ kind: 'ok', toolCalls: [{ name: 'lookup', arguments: { query: 'modelmesh conformance' } }] });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
    const argumentPieces: string[] = [];
    let name: string | undefined;
    let id: string | undefined;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        id ??= call.id;
        name ??= call.function?.name;
        if (call.function?.arguments) argumentPieces.push(call.function.arguments);
      }
    }
    expect(argumentPieces.length).toBe(3);
    expect(JSON.parse(argumentPieces.join(''))).toEqual({ query: 'modelmesh conformance' });
    expect(name).toBe('lookup');
    expect(id).toMatch(/^call_/);
  });
});

describe('other endpoints through the official openai client', () => {
  it('embeds in base64 (the client default) and as floats, deterministically', async () => {
    const base64 = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' });
    expect(base64.data).toHaveLength(2);
    expect(base64.data[0]?.embedding).toHaveLength(8);
    floats.data[0]?.embedding.forEach((value, i) => expect(base64.data[0]?.embedding[i]).toBeCloseTo(value, 5));
    expect(floats.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    expect(server.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
  });

  it('honours dimensions', async () => {
    const response = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x', dimensions: 3, encoding_format: 'float' });
    expect(response.data[0]?.embedding).toHaveLength(3);
  });

  it('lists and retrieves models', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small']);
    expect(await client.models.retrieve('gpt-4o')).toMatchObject({ id: 'gpt-4o', object: 'model' });
  });
});

describe('scripting and recording', () => {
  it('records method, path, lowercased headers, parsed body, model and stream', async () => {
    await client.chat.completions.create({ model: 'gpt-4o', messages }, { headers: { 'X-Trace': 't-1' } });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      index: 0,
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'gpt-4o',
      stream: false,
      body: { model: 'gpt-4o', messages },
      step: { kind: 'ok' },
      end: 'completed',
    });
    expect(server.requests[0]?.headers['x-trace']).toBe('t-1');
    expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-test');
    expect(typeof server.requests[0]?.at).toBe('number');
  });

  it('takes per-model steps before shared ones, then falls back to ok', async () => {
    server.script({ kind: 'ok', content: 'shared' });
    server.scriptFor('gpt-4o-mini', { kind: 'ok', content: 'mini' });
    const mini = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    const other = await client.chat.completions.create({ model: 'gpt-4o', messages });
    const fallback = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect([mini, other, fallback].map((c) => c.choices[0]?.message.content)).toEqual(['mini', 'shared', 'Echo: hello there']);
  });

  it('reset clears queues and records', async () => {
    server.script({ kind: 'ok', content: 'queued' });
    await client.chat.completions.create({ model: 'gpt-4o', messages });
    server.script({ kind: 'ok', content: 'dropped' });
    server.reset();
    expect(server.requests).toHaveLength(0);
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(completion.choices[0]?.message.content).toBe('Echo: hello there');
  });

  it('waits for requests without polling', async () => {
    const arrived = server.waitForRequests(2);
    await client.models.list();
    await client.models.list();
    await expect(arrived).resolves.toMatchObject({ index: 1, path: '/v1/models' });
  });
});

describe('server options', () => {
  it('uses a default script function per request', async () => {
    const scripted = await startFakeOpenAIServer({ defaultScript: (request) => ({ kind: 'ok', content: `#${request.index}` }) });
    try {
      const c = new OpenAI({ apiKey: 'k', baseURL: scripted.url, maxRetries: 0 });
      await c.chat.completions.create({ model: 'm', messages });
      const second = await c.chat.completions.create({ model: 'm', messages });
      expect(second.choices[0]?.message.content).toBe('#1');
    } finally {
      await scripted.close();
    }
  });

  it('requires the bearer key when given one, without using a step', async () => {
    const guarded = await startFakeOpenAIServer({ apiKey: 'sk-right-key-1234' });
    try {
      guarded.script({ kind: 'ok', content: 'still queued' });
      const wrong = new OpenAI({ apiKey: 'sk-wrong-key-9876', baseURL: guarded.url, maxRetries: 0 });
      const error = await wrong.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(String((error as Error).message)).not.toContain('sk-wrong-key-9876');
      const right = new OpenAI({ apiKey: 'sk-right-key-1234', baseURL: guarded.url, maxRetries: 0 });
      expect((await right.chat.completions.create({ model: 'm', messages })).choices[0]?.message.content).toBe('still queued');
    } finally {
      await guarded.close();
    }
  });

  it('serves only the configured models', async () => {
    const limited = await startFakeOpenAIServer({ models: ['only-model'] });
    try {
      const c = new OpenAI({ apiKey: 'k', baseURL: limited.url, maxRetries: 0 });
      await expect(c.chat.completions.create({ model: 'gpt-4o', messages })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      expect((await c.models.list()).data.map((m) => m.id)).toEqual(['only-model']);
      expect((await c.chat.completions.create({ model: 'only-model', messages })).model).toBe('only-model');
    } finally {
      await limited.close();
    }
  });
});
