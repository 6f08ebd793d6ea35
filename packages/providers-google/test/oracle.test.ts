import { readFileSync } from 'node:fs';
import { ContentFilteredError, type ChatCompletionChunk, type ProviderCall } from '@modelmesh/provider';
import { FinishReason, GoogleGenAI, type GenerateContentResponse } from '@google/genai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGoogle, mapGeminiFinishReason } from '../src/internal.js';

/*
 * The official `@google/genai` client is the oracle for reading answers: the SAME recorded bytes
 * (test/__fixtures__/gemini) are served to it and to our provider through an injected fetch, and
 * both must read the same text, function calls and arguments, finish reason and usage.
 */

const API_KEY = 'AIzaSyOracleKey-0001';
const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const fixture = (name: string): Uint8Array => readFileSync(new URL(`./__fixtures__/gemini/${name}`, import.meta.url));

/** A fetch that answers every request with the fixture's bytes, in 7-byte pieces (so events and UTF-8 characters are split). */
function replay(name: string): { fetch: typeof globalThis.fetch; urls: string[] } {
  const bytes = fixture(name);
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    urls.push(input instanceof Request ? input.url : String(input));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': name.endsWith('.sse') ? 'text/event-stream' : 'application/json; charset=UTF-8' } });
  };
  return { fetch, urls };
}

function official(name: string) {
  const { fetch } = replay(name);
  return new GoogleGenAI({ apiKey: API_KEY, httpOptions: { fetch, retryOptions: { attempts: 1 } } });
}

function ours(name: string) {
  const { fetch, urls } = replay(name);
  return { provider: createGoogle({ apiKey: API_KEY, fetch, env: {}, onWarning: () => undefined }), urls };
}

// The official client warns on the console when `.text` meets function-call parts; keep the output clean.
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const MODEL = 'gemini-2.5-flash';
const messages = [{ role: 'user' as const, content: 'Hello' }];

/** What the official client read, in OpenAI terms. */
function expectedUsage(response: GenerateContentResponse) {
  const usage = response.usageMetadata ?? {};
  return {
    prompt_tokens: usage.promptTokenCount ?? 0,
    completion_tokens: (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
    total_tokens: usage.totalTokenCount,
    prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.thoughtsTokenCount ?? 0 },
  };
}

describe('JSON answers read the same as the official client reads them', () => {
  for (const name of ['text-answer.json', 'function-call-answer.json', 'parallel-function-calls-answer.json']) {
    it(name, async () => {
      const theirs = await official(name).models.generateContent({ model: MODEL, contents: 'Hello' });
      const { provider, urls } = ours(name);
      const completion = await provider.chat({ model: MODEL, messages }, call());
      const choice = completion.choices[0];
      const calls = theirs.functionCalls ?? [];

      expect(choice?.message.content ?? undefined).toBe(theirs.text);
      expect(choice?.message.tool_calls?.map((c) => (c.type === 'function' ? { name: c.function.name, args: JSON.parse(c.function.arguments) as unknown } : undefined))).toEqual(
        calls.length === 0 ? undefined : calls.map((c) => ({ name: c.name, args: c.args })),
      );
      expect(choice?.finish_reason).toBe(mapGeminiFinishReason(theirs.candidates?.[0]?.finishReason, calls.length > 0));
      expect(completion.usage).toEqual(expectedUsage(theirs));
      expect(completion.model).toBe(theirs.modelVersion);
      expect(completion.id).toContain(theirs.responseId ?? 'missing');
      expect(urls).toEqual([`https://generativelanguage.googleapis.com/v1beta/models/${MODEL}:generateContent`]);
    });
  }

  it('function-call-answer.json: the thought signature rides along, for the next turn', async () => {
    const theirs = await official('function-call-answer.json').models.generateContent({ model: MODEL, contents: 'Dim the lights' });
    const completion = await ours('function-call-answer.json').provider.chat({ model: MODEL, messages }, call());
    const signature = theirs.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature;
    expect(signature).toBeTruthy();
    expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({ extra_content: { google: { thought_signature: signature } } });
  });
});

describe('streams read the same as the official client reads them', () => {
  async function both(name: string) {
    const theirChunks: GenerateContentResponse[] = [];
    for await (const chunk of await official(name).models.generateContentStream({ model: MODEL, contents: 'Hello' })) theirChunks.push(chunk);
    const { provider, urls } = ours(name);
    const chunks: ChatCompletionChunk[] = [];
    let error: unknown;
    try {
      for await (const chunk of await provider.chatStream({ model: MODEL, messages, stream: true }, call())) chunks.push(chunk);
    } catch (e) {
      error = e;
    }
    return { theirChunks, chunks, error, urls };
  }

  for (const name of ['stream-text.sse', 'stream-function-call.sse', 'stream-safety-midway.sse']) {
    it(name, async () => {
      const { theirChunks, chunks, error, urls } = await both(name);
      expect(error).toBeUndefined();
      expect(urls).toEqual([`https://generativelanguage.googleapis.com/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`]);
      const theirText = theirChunks.map((c) => c.text ?? '').join('');
      const ourText = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
      expect(ourText).toBe(theirText);
      // Our deltas arrive one per event, as the events do.
      expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(theirChunks.filter((c) => (c.text ?? '') !== '').length);

      const theirCalls = theirChunks.flatMap((c) => c.functionCalls ?? []);
      const ourCalls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
      expect(ourCalls.map((c) => ({ name: c.function?.name, args: JSON.parse(c.function?.arguments ?? '{}') as unknown }))).toEqual(theirCalls.map((c) => ({ name: c.name, args: c.args })));
      expect(new Set(ourCalls.map((c) => c.id)).size).toBe(ourCalls.length);

      const last = theirChunks.at(-1);
      const theirFinish = last?.candidates?.[0]?.finishReason;
      const finishes = chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter((r) => r !== null);
      expect(finishes).toEqual([mapGeminiFinishReason(theirFinish, theirCalls.length > 0)]);
      expect(chunks.at(-1)?.usage).toEqual(last === undefined ? undefined : expectedUsage(last));
    });
  }

  it('stream-safety-midway.sse: both see SAFETY after the text; ours says content_filter', async () => {
    const { theirChunks, chunks } = await both('stream-safety-midway.sse');
    expect(theirChunks.at(-1)?.candidates?.[0]?.finishReason).toBe(FinishReason.SAFETY);
    expect(chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter((r) => r !== null)).toEqual(['content_filter']);
  });
});

describe('safety blocks: the official client shows the block, ours throws ContentFilteredError with the blocked category', () => {
  it('prompt-blocked.json', async () => {
    const theirs = await official('prompt-blocked.json').models.generateContent({ model: MODEL, contents: 'Hello' });
    expect(theirs.text).toBeUndefined();
    const blocked = theirs.promptFeedback?.safetyRatings?.find((r) => r.blocked);
    const error = await ours('prompt-blocked.json')
      .provider.chat({ model: MODEL, messages }, call())
      .catch((e: unknown) => e);
    expect(ContentFilteredError.isInstance(error)).toBe(true);
    expect((error as ContentFilteredError).reason).toBe(blocked?.category);
    expect((error as ContentFilteredError).details).toMatchObject({ blockReason: theirs.promptFeedback?.blockReason });
  });

  it('candidate-blocked.json', async () => {
    const theirs = await official('candidate-blocked.json').models.generateContent({ model: MODEL, contents: 'Hello' });
    expect(theirs.text).toBeUndefined();
    expect(theirs.candidates?.[0]?.finishReason).toBe(FinishReason.SAFETY);
    const blocked = theirs.candidates?.[0]?.safetyRatings?.find((r) => r.blocked);
    const error = await ours('candidate-blocked.json')
      .provider.chat({ model: MODEL, messages }, call())
      .catch((e: unknown) => e);
    expect(ContentFilteredError.isInstance(error)).toBe(true);
    expect((error as ContentFilteredError).reason).toBe(blocked?.category);
  });

  it('stream-prompt-blocked.sse', async () => {
    const theirChunks: GenerateContentResponse[] = [];
    for await (const chunk of await official('stream-prompt-blocked.sse').models.generateContentStream({ model: MODEL, contents: 'Hello' })) theirChunks.push(chunk);
    const blocked = theirChunks[0]?.promptFeedback?.safetyRatings?.find((r) => r.blocked);
    expect(theirChunks[0]?.promptFeedback?.blockReason).toBe('SAFETY');
    const chunks: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of await ours('stream-prompt-blocked.sse').provider.chatStream({ model: MODEL, messages, stream: true }, call())) chunks.push(chunk);
    })().catch((e: unknown) => e);
    expect(chunks).toEqual([]);
    expect(ContentFilteredError.isInstance(error)).toBe(true);
    expect((error as ContentFilteredError).reason).toBe(blocked?.category);
  });
});
