import Anthropic from '@anthropic-ai/sdk';
import type { ChatCompletionChunk, ChatCompletionFinishReason, CompletionUsage, ProviderCall } from '@modelmesh/provider';
import { assembleToolCalls, contentDeltas, drain, finishReasons } from '@modelmesh/testing/vitest';
import { describe, expect, it } from 'vitest';
import { createAnthropic } from '../src/internal.js';
import { fixtureBytes, recordedFetch } from './support/recorded-fetch.js';

/*
 * The official SDK is the oracle for reading the wire: the SAME recorded bytes (documented
 * Messages API payloads, see test/__fixtures__/README.md) go to `@anthropic-ai/sdk` and to our
 * provider through their injectable `fetch`, and what each reads must agree once the SDK's
 * Message is mapped by the documented table below (the README's table, written out here on
 * its own so that the test does not borrow the code under test).
 */

const FINISH_REASON: Readonly<Record<string, ChatCompletionFinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** What OpenAI-shaped usage the SDK's usage stands for: cache reads and writes are prompt tokens, reads are cached. */
function expectedUsage(usage: Anthropic.Usage): Pick<CompletionUsage, 'prompt_tokens' | 'completion_tokens' | 'total_tokens'> & { cached: number } {
  const read = usage.cache_read_input_tokens ?? 0;
  const prompt = usage.input_tokens + read + (usage.cache_creation_input_tokens ?? 0);
  return { prompt_tokens: prompt, completion_tokens: usage.output_tokens, total_tokens: prompt + usage.output_tokens, cached: read };
}

/** The SDK's reading of a Message, in our terms. */
function expectedFromMessage(message: Anthropic.Message) {
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const toolCalls = message.content.flatMap((block) => (block.type === 'tool_use' ? [{ id: block.id, name: block.name, input: block.input }] : []));
  return { text, toolCalls, finishReason: FINISH_REASON[message.stop_reason ?? ''], usage: expectedUsage(message.usage), model: message.model, id: message.id };
}

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const sdk = (fetch: typeof globalThis.fetch) => new Anthropic({ apiKey: 'sk-ant-oracle-0001', baseURL: 'http://anthropic.oracle.test', fetch, maxRetries: 0 });
const ours = (fetch: typeof globalThis.fetch) => createAnthropic({ apiKey: 'sk-ant-oracle-0001', baseUrl: 'http://anthropic.oracle.test', fetch, env: {} });
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string' } }, required: ['location'] } },
};

describe('non-streaming Messages: the SDK and our provider read the same recorded body alike', () => {
  for (const fixture of ['text-message.json', 'tool-use-message.json']) {
    it(fixture, async () => {
      const bytes = fixtureBytes(fixture);
      const theirs = await sdk(recordedFetch(bytes, 'application/json').fetch).messages.create({ model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] });
      const completion = await ours(recordedFetch(bytes, 'application/json').fetch).chat({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool] }, call());
      const expected = expectedFromMessage(theirs);
      const message = completion.choices[0]?.message;
      expect(completion.id).toBe(expected.id);
      expect(completion.model).toBe(expected.model);
      expect(message?.content).toBe(expected.text);
      expect(
        (message?.tool_calls ?? []).map((c) => (c.type === 'function' ? { id: c.id, name: c.function.name, input: JSON.parse(c.function.arguments) as unknown } : undefined)),
      ).toEqual(expected.toolCalls);
      expect(completion.choices[0]?.finish_reason).toBe(expected.finishReason);
      expect(completion.usage).toMatchObject({ prompt_tokens: expected.usage.prompt_tokens, completion_tokens: expected.usage.completion_tokens, total_tokens: expected.usage.total_tokens });
      expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(expected.usage.cached);
    });
  }
});

describe('streamed Messages: the SDK and our provider read the same recorded events alike', () => {
  for (const fixture of ['text-stream.sse', 'tool-use-stream.sse', 'max-tokens-stream.sse']) {
    it(fixture, async () => {
      const bytes = fixtureBytes(fixture);
      const stream = sdk(recordedFetch(bytes, 'text/event-stream').fetch).messages.stream({ model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] });
      const sdkTextDeltas: string[] = [];
      stream.on('text', (delta) => sdkTextDeltas.push(delta));
      const final = await stream.finalMessage();
      const expected = expectedFromMessage(final);

      const { chunks, error } = await drain(await ours(recordedFetch(bytes, 'text/event-stream').fetch).chatStream({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool], stream: true }, call()));
      expect(error).toBeUndefined();
      // Text arrives in the same pieces, in the same order.
      expect(sdkTextDeltas.length).toBeGreaterThan(0);
      expect(contentDeltas(chunks)).toEqual(sdkTextDeltas);
      expect(contentDeltas(chunks).join('')).toBe(expected.text);
      const calls = assembleToolCalls(chunks);
      expect(calls.map((c) => ({ id: c.ids[0], name: c.names[0], input: JSON.parse(c.arguments) as unknown }))).toEqual(expected.toolCalls);
      // Each input_json_delta piece (but the empty first one) is an arguments piece of its own.
      if (expected.toolCalls.length > 0) expect(calls[0]?.argumentPieces).toBeGreaterThan(1);
      expect(finishReasons(chunks)).toEqual([expected.finishReason]);
      const usage = chunks.at(-1)?.usage;
      expect(usage).toMatchObject({ prompt_tokens: expected.usage.prompt_tokens, completion_tokens: expected.usage.completion_tokens, total_tokens: expected.usage.total_tokens });
      expect(usage?.prompt_tokens_details?.cached_tokens).toBe(expected.usage.cached);
      expect(new Set(chunks.map((c: ChatCompletionChunk) => c.id))).toEqual(new Set([expected.id]));
      expect(new Set(chunks.map((c) => c.model))).toEqual(new Set([expected.model]));
    });
  }

  it('both see an in-stream overloaded_error as a failure, and ours is a retryable 529', async () => {
    const bytes = new TextEncoder().encode(
      [
        'event: message_start',
        'data: {"type":"message_start","message":{"id":"msg_x","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}',
        '',
        'event: error',
        'data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}',
        '',
        '',
      ].join('\n'),
    );
    const theirs = await sdk(recordedFetch(bytes, 'text/event-stream').fetch)
      .messages.stream({ model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .finalMessage()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(theirs).toBeInstanceOf(Error);
    expect(String((theirs as Error).message)).toContain('Overloaded');
    const { chunks, error } = await drain(await ours(recordedFetch(bytes, 'text/event-stream').fetch).chatStream({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }], stream: true }, call()));
    expect(contentDeltas(chunks)).toEqual([]);
    expect(error).toMatchObject({ name: 'ProviderHttpError', status: 529, retryable: true });
  });
});
