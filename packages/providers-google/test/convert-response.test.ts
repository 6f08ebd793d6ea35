import { ContentFilteredError, ProviderError, ProviderHttpError, RateLimitError, type ChatCompletionChunk } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { GeminiStreamConverter, isGeneratedToolCallId, mapGeminiFinishReason, mapGeminiUsage, toChatCompletion, type ResponseContext } from '../src/internal.js';

const context: ResponseContext = { providerId: 'google', modelId: 'gemini-2.5-flash', secrets: ['AIza-secret-key'], now: 1_750_000_000_000 };

const text = (t: string, extra: Record<string, unknown> = {}) => ({ content: { parts: [{ text: t }], role: 'model' }, index: 0, ...extra });

describe('mapGeminiFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['OTHER', false, 'stop'],
    ['LANGUAGE', false, 'stop'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['FINISH_REASON_UNSPECIFIED', false, 'stop'],
    [undefined, false, 'stop'],
    ['SOMETHING_NEW', true, 'tool_calls'],
  ] as const)('%s (function calls: %s) → %s', (reason, calls, expected) => {
    expect(mapGeminiFinishReason(reason, calls)).toBe(expected);
  });
});

describe('mapGeminiUsage', () => {
  it('counts thinking as completion (and reasoning) tokens and cached content as cached prompt tokens', () => {
    expect(mapGeminiUsage({ promptTokenCount: 100, candidatesTokenCount: 20, thoughtsTokenCount: 30, cachedContentTokenCount: 60, totalTokenCount: 150 })).toEqual({
      prompt_tokens: 100,
      completion_tokens: 50,
      total_tokens: 150,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
  });

  it('adds tool-use prompt tokens to the prompt and sums when the total is missing', () => {
    expect(mapGeminiUsage({ promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 3 })).toMatchObject({ prompt_tokens: 15, completion_tokens: 3, total_tokens: 18 });
    expect(mapGeminiUsage({})).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
  });
});

describe('toChatCompletion', () => {
  it('joins text parts, skips thought summaries, and names modelVersion', () => {
    const completion = toChatCompletion(
      {
        candidates: [{ content: { parts: [{ text: 'thinking…', thought: true }, { text: 'Hello ' }, { text: 'world' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        modelVersion: 'gemini-2.5-flash-001',
        responseId: 'r1',
      },
      context,
    );
    expect(completion).toEqual({
      id: 'chatcmpl-r1',
      object: 'chat.completion',
      created: 1_750_000_000,
      model: 'gemini-2.5-flash-001',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello world', refusal: null }, logprobs: null, finish_reason: 'stop' }],
    });
  });

  it('gives function calls stable generated ids, or Gemini’s own, and JSON arguments', () => {
    const response = {
      candidates: [
        {
          content: { parts: [{ text: 'Checking.' }, { functionCall: { name: 'a', args: { x: 1 } } }, { functionCall: { id: 'g-7', name: 'b' } }], role: 'model' },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      responseId: 'resp-9',
    };
    const first = toChatCompletion(response, context);
    const again = toChatCompletion(response, { ...context, now: context.now + 5000 });
    const calls = first.choices[0]?.message.tool_calls ?? [];
    expect(first.choices[0]?.message.content).toBe('Checking.');
    expect(calls).toEqual([
      { id: 'call_gemini_resp-9_0_0', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
      { id: 'g-7', type: 'function', function: { name: 'b', arguments: '{}' } },
    ]);
    expect(isGeneratedToolCallId(calls[0]?.id ?? '')).toBe(true);
    expect(isGeneratedToolCallId('g-7')).toBe(false);
    expect(again.choices[0]?.message.tool_calls?.map((c) => c.id)).toEqual(calls.map((c) => c.id));
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('makes up distinct ids when there is no responseId', () => {
    const response = { candidates: [{ content: { parts: [{ functionCall: { name: 'a', args: {} } }], role: 'model' }, finishReason: 'STOP' }] };
    const a = toChatCompletion(response, context).choices[0]?.message.tool_calls?.[0]?.id;
    const b = toChatCompletion(response, context).choices[0]?.message.tool_calls?.[0]?.id;
    expect(a).toMatch(/^call_gemini_/);
    expect(a).not.toBe(b);
  });

  it('returns one choice per candidate, in index order; a withheld candidate among others is content_filter', () => {
    const completion = toChatCompletion(
      {
        candidates: [
          { finishReason: 'SAFETY', index: 1, safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH', blocked: true }] },
          text('fine', { finishReason: 'STOP' }),
        ],
      },
      context,
    );
    expect(completion.choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, 'fine', 'stop'],
      [1, null, 'content_filter'],
    ]);
  });

  it('throws ContentFilteredError for a blocked prompt and for an answer withheld entirely', () => {
    const prompt = () => toChatCompletion({ promptFeedback: { blockReason: 'BLOCKLIST' } }, context);
    expect(prompt).toThrow(ContentFilteredError);
    expect(() => prompt()).toThrow(/BLOCKLIST/);
    let error: unknown;
    try {
      toChatCompletion({ candidates: [{ finishReason: 'RECITATION', index: 0 }] }, context);
    } catch (e) {
      error = e;
    }
    expect(ContentFilteredError.isInstance(error) && error.reason).toBe('RECITATION');
    expect(ContentFilteredError.isInstance(error) && error.retryable).toBe(false);
  });

  it('names the most probable category when none is marked blocked', () => {
    let error: unknown;
    try {
      toChatCompletion(
        {
          promptFeedback: {
            blockReason: 'SAFETY',
            safetyRatings: [
              { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'LOW' },
              { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'MEDIUM' },
            ],
          },
        },
        context,
      );
    } catch (e) {
      error = e;
    }
    expect(ContentFilteredError.isInstance(error) && error.reason).toBe('HARM_CATEGORY_DANGEROUS_CONTENT');
  });

  it('maps an error body and refuses bodies that are not answers', () => {
    expect(() => toChatCompletion({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }, context)).toThrow(ProviderHttpError);
    for (const body of [null, 'text', [1], {}, { candidates: [] }]) {
      let error: unknown;
      try {
        toChatCompletion(body, context);
      } catch (e) {
        error = e;
      }
      expect(ProviderError.isInstance(error) && error.code, JSON.stringify(body)).toBe('malformed_response');
    }
  });
});

describe('GeminiStreamConverter', () => {
  const all = (converter: GeminiStreamConverter, events: unknown[]): ChatCompletionChunk[] => [...events.flatMap((e) => converter.convert(e)), ...converter.end()];

  it('sends the role first, a delta per event, one finish, and the last usage once at the end', () => {
    const converter = new GeminiStreamConverter(context);
    const chunks = all(converter, [
      { candidates: [text('Hel')], usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 }, responseId: 'r', modelVersion: 'gemini-2.5-flash' },
      { candidates: [text('lo')], usageMetadata: { promptTokenCount: 4, totalTokenCount: 5 }, responseId: 'r' },
      { candidates: [text('!', { finishReason: 'STOP' })], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 3, totalTokenCount: 7 }, responseId: 'r' },
    ]);
    expect(converter.complete).toBe(true);
    expect(chunks.map((c) => [c.choices[0]?.delta, c.choices[0]?.finish_reason ?? null, c.usage ?? null])).toEqual([
      [{ role: 'assistant', content: '' }, null, null],
      [{ content: 'Hel' }, null, null],
      [{ content: 'lo' }, null, null],
      [{ content: '!' }, null, null],
      [{}, 'stop', null],
      [undefined, null, { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } }],
    ]);
    expect(new Set(chunks.map((c) => c.id))).toEqual(new Set(['chatcmpl-r']));
    expect(chunks.at(-1)?.choices).toEqual([]);
  });

  it('numbers tool calls across events and finishes with tool_calls', () => {
    const converter = new GeminiStreamConverter(context);
    const chunks = all(converter, [
      { candidates: [{ content: { parts: [{ functionCall: { name: 'a', args: { q: 1 } } }], role: 'model' }, index: 0 }], responseId: 'r2' },
      { candidates: [{ content: { parts: [{ functionCall: { name: 'b' } }, { functionCall: { name: 'c', id: 'own' } }], role: 'model' }, finishReason: 'STOP', index: 0 }], responseId: 'r2' },
    ]);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: null });
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(calls).toEqual([
      { index: 0, id: 'call_gemini_r2_0_0', type: 'function', function: { name: 'a', arguments: '{"q":1}' } },
      { index: 1, id: 'call_gemini_r2_0_1', type: 'function', function: { name: 'b', arguments: '{}' } },
      { index: 2, id: 'own', type: 'function', function: { name: 'c', arguments: '{}' } },
    ]);
    expect(chunks.flatMap((c) => c.choices.map((x) => x.finish_reason)).filter(Boolean)).toEqual(['tool_calls']);
    expect(converter.end()).toEqual([]);
  });

  it('keeps candidates apart when n > 1 and is complete only when each has finished', () => {
    const converter = new GeminiStreamConverter(context);
    converter.convert({ candidates: [text('a'), { ...text('b'), index: 1 }] });
    converter.convert({ candidates: [text('', { finishReason: 'STOP' })] });
    expect(converter.complete).toBe(false);
    const last = converter.convert({ candidates: [{ ...text('c'), index: 1, finishReason: 'MAX_TOKENS' }] });
    expect(converter.complete).toBe(true);
    expect(last.map((c) => [c.choices[0]?.index, c.choices[0]?.delta, c.choices[0]?.finish_reason])).toEqual([
      [1, { content: 'c' }, null],
      [1, {}, 'length'],
    ]);
  });

  it('throws ContentFilteredError for a blocked prompt and for a candidate withheld before any text', () => {
    expect(() => new GeminiStreamConverter(context).convert({ promptFeedback: { blockReason: 'SAFETY', safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH', blocked: true }] } })).toThrow(ContentFilteredError);
    expect(() => new GeminiStreamConverter(context).convert({ candidates: [{ finishReason: 'SAFETY', index: 0 }] })).toThrow(ContentFilteredError);
  });

  it('ends with content_filter when a filter stops an answer midway', () => {
    const converter = new GeminiStreamConverter(context);
    converter.convert({ candidates: [text('Part one')] });
    const chunks = converter.convert({ candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'SAFETY', index: 0 }] });
    expect(chunks.map((c) => c.choices[0]?.finish_reason)).toEqual(['content_filter']);
  });

  it('maps in-stream errors, array-wrapped ones too', () => {
    expect(() => new GeminiStreamConverter(context).convert({ error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } })).toThrow(RateLimitError);
    expect(() => new GeminiStreamConverter(context).convert([{ error: { code: 500, message: 'boom', status: 'INTERNAL' } }])).toThrow(ProviderHttpError);
    expect(() => new GeminiStreamConverter(context).convert('not an object')).toThrow(/not a GenerateContentResponse/);
  });

  it('ignores events after a candidate finished and usage-only events', () => {
    const converter = new GeminiStreamConverter(context);
    converter.convert({ candidates: [text('x', { finishReason: 'STOP' })] });
    expect(converter.convert({ candidates: [text('late')] })).toEqual([]);
    expect(converter.convert({ usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 } })).toEqual([]);
    expect(converter.end()[0]?.usage?.total_tokens).toBe(2);
  });
});
