import {
  AuthenticationError,
  ContextLengthExceededError,
  InvalidRequestError,
  ManualClock,
  ProviderHttpError,
  RateLimitError,
  Middleware,
  RoutingError,
  type ChatCompletion,
  type ChatCompletionCreateParams,
  type ChatCompletionCreateParamsNonStreaming,
  type MiddlewareContext,
} from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { mockClient, seededRandom } from '../src/index.js';
import { flush } from './provider-call.js';

const ask = (content = 'Hi'): ChatCompletionCreateParamsNonStreaming => ({ model: 'chat-completion', messages: [{ role: 'user', content }] });

describe('mockClient responses', () => {
  it('come in order, the last one repeating', async () => {
    const client = mockClient({ responses: [{ content: 'one' }, { content: 'two' }] });
    const answers: Array<string | null> = [];
    for (let i = 0; i < 4; i++) answers.push((await client.chat.completions.create(ask())).choices[0].message.content);
    expect(answers).toEqual(['one', 'two', 'two', 'two']);
  });

  it('fill in the documented defaults', async () => {
    const client = mockClient();
    const response = await client.chat.completions.create(ask());
    expect(response.model).toBe('mock-model');
    expect(response.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: 'Mock response' } });
    expect(response.usage).toEqual({ prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 });
  });

  it('name the answering model, and their token split, in the response', async () => {
    const client = mockClient({
      responses: [{ content: 'x', model: 'gpt-4o', tokens: 10 }, { content: 'y', model: 'claude-x', promptTokens: 5, completionTokens: 2, finishReason: 'length' }],
    });
    const first = await client.chat.completions.create(ask());
    const second = await client.chat.completions.create(ask());
    expect(first.model).toBe('gpt-4o');
    expect(second.model).toBe('claude-x');
    expect(second.usage).toEqual({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
    expect(second.choices[0].finish_reason).toBe('length');
  });

  it('carry tool calls', async () => {
    const client = mockClient({ responses: [{ toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } }] }] });
    const response = await client.chat.completions.create(ask());
    expect(response.choices[0].finish_reason).toBe('tool_calls');
    expect(response.choices[0].message.content).toBeNull();
    expect(response.choices[0].message.tool_calls).toEqual([{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }]);
  });

  it('wait their delay in seconds on the injected clock', async () => {
    const clock = new ManualClock();
    const client = mockClient({ responses: [{ content: 'late', delay: 2 }], clock });
    let answered = false;
    const pending = client.chat.completions.create(ask()).then((r) => ((answered = true), r));
    await clock.advance(1_999);
    expect(answered).toBe(false);
    await clock.advance(1);
    expect((await pending).choices[0].message.content).toBe('late');
  });
});

describe('mockClient failures reach the caller as scripted', () => {
  it.each([
    ['a plain Error', new Error('boom')],
    ['a RateLimitError', new RateLimitError({ providerId: 'mock', retryAfter: 5 })],
    ['an AuthenticationError', new AuthenticationError({ providerId: 'mock' })],
    ['a ContextLengthExceededError', new ContextLengthExceededError({ providerId: 'mock' })],
  ])('%s is thrown as the same object, without a retry', async (_name, error) => {
    const client = mockClient({ responses: [{ error }, { content: 'never reached by a retry' }] });
    await expect(client.chat.completions.create(ask())).rejects.toBe(error);
    expect(client.provider.calls).toHaveLength(1);
    expect((await client.chat.completions.create(ask())).choices[0].message.content).toBe('never reached by a retry');
  });

  it('a failing model stays in the pool, so later calls still get their responses', async () => {
    const error = new ProviderHttpError({ providerId: 'mock', status: 500 });
    const client = mockClient({ responses: [{ error }, { error }, { error }, { error }, { content: 'back' }] });
    for (let i = 0; i < 4; i++) await expect(client.chat.completions.create(ask())).rejects.toBe(error);
    expect((await client.chat.completions.create(ask())).choices[0].message.content).toBe('back');
    expect(client.usage.failedRequests).toBe(4);
  });

  it('failureRate fails exactly the calls whose seeded draw falls below it, with a retryable error', async () => {
    const rate = 0.5;
    const expected = (() => {
      const random = seededRandom(7);
      return Array.from({ length: 20 }, () => random() < rate);
    })();
    const client = mockClient({ responses: [{ content: 'ok' }], failureRate: rate, random: seededRandom(7) });
    const failed: boolean[] = [];
    for (let i = 0; i < 20; i++) {
      const outcome = await client.chat.completions.create(ask()).then(
        () => false,
        (error: unknown) => {
          expect(error).toBeInstanceOf(ProviderHttpError);
          expect(error).toMatchObject({ status: 503, retryable: true });
          return true;
        },
      );
      failed.push(outcome);
    }
    expect(failed).toEqual(expected);
    expect(failed).toContain(true);
    expect(failed).toContain(false);
  });

  it('a failureRate failure does not use up a response', async () => {
    const draws = [0.1, 0.9, 0.9];
    const client = mockClient({ responses: [{ content: 'first' }, { content: 'second' }], failureRate: 0.5, random: () => draws.shift() ?? 0.9 });
    await expect(client.chat.completions.create(ask())).rejects.toBeInstanceOf(ProviderHttpError);
    expect((await client.chat.completions.create(ask())).choices[0].message.content).toBe('first');
    expect((await client.chat.completions.create(ask())).choices[0].message.content).toBe('second');
  });

  it('rejects a failureRate outside 0..1', () => {
    expect(() => mockClient({ failureRate: 1.5 })).toThrow(RangeError);
  });

  it('errors the router raises itself are not rewritten', async () => {
    const client = mockClient();
    await expect(client.chat.completions.create({ model: 'no-such-pool', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(RoutingError);
    await expect(client.chat.completions.create({ model: 'chat-completion', messages: [] })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe('mockClient calls', () => {
  it('record every call with its model, messages and other params, failed ones with their error', async () => {
    const error = new Error('nope');
    const client = mockClient({ responses: [{ content: 'fine' }, { error }] });
    await client.chat.completions.create({ ...ask('first'), temperature: 0.3, max_tokens: 50 }, { headers: { 'x-id': '1' } });
    await client.chat.completions.create(ask('second')).catch(() => undefined);
    await client.chat.completions.create({ model: 'missing', messages: [{ role: 'user', content: 'third' }] }).catch(() => undefined);
    expect(client.calls).toHaveLength(3);
    expect(client.calls[0]).toMatchObject({ model: 'chat-completion', params: { temperature: 0.3, max_tokens: 50 }, headers: { 'x-id': '1' }, status: 'ok' });
    expect(client.calls[0].response?.choices[0]?.message.content).toBe('fine');
    expect(client.calls[1]).toMatchObject({ status: 'failed', error });
    expect(client.calls[1].messages[0].content).toBe('second');
    expect(client.calls[2]).toMatchObject({ model: 'missing', status: 'failed' });
    expect(client.calls[2].error).toBeInstanceOf(RoutingError);
  });
});

describe('mockClient streaming', () => {
  it('yields chunks whose content joins to the response, and records the assembled answer', async () => {
    const client = mockClient({ responses: [{ content: 'Hello streaming world', model: 'gpt-4o', tokens: 12 }] });
    const stream = await client.chat.completions.create({ ...ask(), stream: true });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      expect(chunk.model).toBe('gpt-4o');
    }
    expect(text).toBe('Hello streaming world');
    expect(finish).toBe('stop');
    expect(client.calls[0]).toMatchObject({ stream: true, status: 'ok' });
    expect(client.calls[0].response?.choices[0]?.message.content).toBe('Hello streaming world');
    expect(client.usage.totalTokens).toBe(12);
  });

  it('uses the scripted chunks', async () => {
    const client = mockClient({ responses: [{ chunks: ['Hel', 'lo', '!'] }] });
    const pieces: string[] = [];
    for await (const chunk of await client.chat.completions.create({ ...ask(), stream: true })) {
      const content = chunk.choices[0]?.delta.content;
      if (content) pieces.push(content);
    }
    expect(pieces).toEqual(['Hel', 'lo', '!']);
  });

  it('records a stream the caller stops reading as cancelled', async () => {
    const client = mockClient({ responses: [{ content: 'a b c d e' }] });
    for await (const chunk of await client.chat.completions.create({ ...ask(), stream: true })) if (chunk.choices[0]?.delta.content) break;
    await flush();
    expect(client.calls[0].status).toBe('cancelled');
    expect(client.provider.calls[0].status).toBe('cancelled');
  });

  it('surfaces a scripted error from a streaming call', async () => {
    const error = new Error('stream refused');
    const client = mockClient({ responses: [{ error }] });
    await expect(client.chat.completions.create({ ...ask(), stream: true })).rejects.toBe(error);
    expect(client.calls[0]).toMatchObject({ stream: true, status: 'failed', error });
  });
});

describe('mockClient as a mesh', () => {
  it('counts usage as the sum of the responses tokens', async () => {
    const client = mockClient({ responses: [{ tokens: 10 }, { tokens: 25 }, { tokens: 7 }] });
    for (let i = 0; i < 3; i++) await client.chat.completions.create(ask());
    expect(client.usage.totalTokens).toBe(42);
    expect(client.usage.totalRequests).toBe(3);
  });

  it('explains and describes routing to the mock model', () => {
    const client = mockClient({ responses: [{ content: 'Hello!', model: 'gpt-4o' }] });
    const explanation = client.explain({ model: 'chat-completion' });
    expect(explanation).toMatchObject({ poolName: 'chat-completion', strategy: 'stick-until-failure', selectedModel: 'gpt-4o', selectedProvider: 'mock' });
    expect(client.describe('chat-completion')).toContain('gpt-4o [mock.llm.v1] (active)');
    expect(mockClient().describe()).toContain('mock-model');
  });

  it('serves the chat alias and extra pool names the app uses', async () => {
    const client = mockClient({ responses: [{ content: 'hi' }], pools: ['support-bot'] });
    expect((await client.chat.completions.create({ ...ask(), model: 'chat' })).choices[0].message.content).toBe('hi');
    expect((await client.chat.completions.create({ ...ask(), model: 'support-bot' })).choices[0].message.content).toBe('hi');
    expect(client.calls.map((c) => c.model)).toEqual(['chat', 'support-bot']);
  });

  it('answers embeddings deterministically without using up chat responses', async () => {
    const client = mockClient({ responses: [{ content: 'first' }, { content: 'second' }] });
    const a = await client.embeddings.create({ model: 'text-embeddings', input: 'same' });
    const b = await client.embeddings.create({ model: 'text-embeddings', input: 'same' });
    expect(a.data[0]?.embedding).toEqual(b.data[0]?.embedding);
    expect((await client.chat.completions.create(ask())).choices[0].message.content).toBe('first');
    expect(client.calls.map((c) => c.kind)).toEqual(['embeddings', 'embeddings', 'chat']);
  });

  it('runs middleware around each call', async () => {
    const seen: string[] = [];
    class Spy extends Middleware {
      override async beforeRequest(request: ChatCompletionCreateParams, context: MiddlewareContext) {
        seen.push(`before ${context.modelKey}`);
        return request;
      }
      override async afterResponse(response: ChatCompletion) {
        seen.push(`after ${response.model}`);
        return response;
      }
    }
    const client = mockClient({ middleware: [new Spy()] });
    await client.chat.completions.create(ask());
    expect(seen).toEqual(['before mock-model', 'after mock-model']);
  });
});
