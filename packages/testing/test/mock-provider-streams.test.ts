import { ManualClock, ProviderError, ProviderHttpError, type ChatCompletionChunk, type ChatCompletionCreateParamsStreaming } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { mockProvider, type MockOutcome } from '../src/index.js';
import { contentChunks, drain, providerCall, textOf } from './provider-call.js';

const request: ChatCompletionCreateParamsStreaming = { model: 'gpt-test', messages: [{ role: 'user', content: 'Tell me' }], stream: true };

async function streamOf(outcome: MockOutcome) {
  const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: outcome, clock: new ManualClock() });
  const stream = await provider.chatStream(request, providerCall());
  return { provider, ...(await drain(stream)) };
}

/** Every chunk is a well-formed OpenAI chunk of the same completion. */
function expectWellFormed(chunks: readonly ChatCompletionChunk[]): void {
  for (const chunk of chunks) {
    expect(chunk).toMatchObject({ id: chunks[0]?.id, object: 'chat.completion.chunk', model: 'gpt-test' });
    expect(typeof chunk.created).toBe('number');
  }
}

describe('mockProvider streams', () => {
  it('yield a role chunk, content deltas, a finish chunk and a usage chunk, in that order', async () => {
    const { chunks, error } = await streamOf({ type: 'ok', content: 'Hello there world', tokens: 12 });
    expect(error).toBeUndefined();
    expectWellFormed(chunks);
    expect(chunks[0]?.choices[0]).toMatchObject({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
    expect(contentChunks(chunks).map((c) => c.choices[0]?.delta.content)).toEqual(['Hello ', 'there ', 'world']);
    const finish = chunks.at(-2);
    expect(finish?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    const usage = chunks.at(-1);
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage).toEqual({ prompt_tokens: 4, completion_tokens: 8, total_tokens: 12 });
    expect(chunks).toHaveLength(6);
  });

  it('split the content into the scripted chunks', async () => {
    const { chunks } = await streamOf({ type: 'ok', chunks: ['He', 'llo', '!'] });
    expect(contentChunks(chunks).map((c) => c.choices[0]?.delta.content)).toEqual(['He', 'llo', '!']);
    expect(textOf(chunks)).toBe('Hello!');
  });

  it('stream tool calls after the text, with finish reason tool_calls', async () => {
    const { chunks } = await streamOf({ type: 'ok', toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] });
    const call = chunks.find((c) => c.choices[0]?.delta.tool_calls)?.choices[0]?.delta.tool_calls?.[0];
    expect(call).toMatchObject({ index: 0, type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('record the completion the stream added up to once it is read to the end', async () => {
    const { provider } = await streamOf({ type: 'ok', content: 'All of it' });
    expect(provider.calls[0]).toMatchObject({ stream: true, status: 'ok' });
    expect(provider.calls[0].response?.choices[0]?.message.content).toBe('All of it');
  });

  it('stream-cut throws a connection_error after the given number of content chunks', async () => {
    const { chunks, error, provider } = await streamOf({ type: 'stream-cut', afterChunks: 2, content: 'one two three four' });
    expect(contentChunks(chunks)).toHaveLength(2);
    expect(chunks.every((c) => c.choices.every((choice) => choice.finish_reason === null))).toBe(true);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'connection_error', retryable: true });
    expect(provider.calls[0]).toMatchObject({ status: 'failed', error });
  });

  it('malformed-chunk throws a malformed_response error after the given number of content chunks', async () => {
    const { chunks, error } = await streamOf({ type: 'malformed-chunk', afterChunks: 1, content: 'one two' });
    expect(contentChunks(chunks)).toHaveLength(1);
    expect(error).toMatchObject({ code: 'malformed_response' });
  });

  it('no-finish ends cleanly after all content, without a finish reason or usage', async () => {
    const { chunks, error } = await streamOf({ type: 'no-finish', content: 'cut short' });
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('cut short');
    expect(chunks.some((c) => c.choices.some((choice) => choice.finish_reason !== null))).toBe(false);
    expect(chunks.some((c) => c.usage)).toBe(false);
  });

  it('error-before-content starts the response, then throws an overloaded error before any content', async () => {
    const { chunks, error } = await streamOf({ type: 'error-before-content' });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect(error).toMatchObject({ status: 529, retryable: true });
  });

  it('error-before-content can carry a rate limit', async () => {
    const { error } = await streamOf({ type: 'error-before-content', status: 429, headers: { 'retry-after': '3' } });
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfter: 3 });
  });

  it.each<MockOutcome>([{ type: 'http', status: 503 }, { type: 'reset' }, { type: 'malformed' }])(
    '$type rejects before the stream starts, so the router can still fail over',
    async (outcome) => {
      const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: outcome });
      await expect(provider.chatStream(request, providerCall())).rejects.toBeInstanceOf(ProviderError);
      expect(provider.calls[0]).toMatchObject({ status: 'failed', stream: true });
    },
  );

  it('record a stream the reader stopped early as cancelled', async () => {
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: { type: 'ok', content: 'a b c d' } });
    const stream = await provider.chatStream(request, providerCall());
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) break;
    expect(provider.calls[0].status).toBe('cancelled');
  });
});
