import { ContentFilteredError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { expectProviderError, rejectionOf } from '../expect-provider-error.js';
import { contentDeltas, drain, finishReasons, type DrainedStream } from '../stream-reading.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

const PIECES = ['Step ', 'one: ', 'take ', 'the '];

/** A stream's chunks and error, whether the error rejected `chatStream` itself or came out of the iterable. */
async function streamOutcome(ctx: GeminiConformanceContext): Promise<DrainedStream> {
  let stream;
  try {
    stream = await ctx.provider.chatStream(ctx.streamParams(), ctx.call());
  } catch (error) {
    return { chunks: [], error };
  }
  return drain(stream);
}

/** Safety blocks: a refused prompt or a withheld answer is ContentFilteredError with the harm category; a filter stopping an answer midway is `content_filter`. */
export function checkGeminiSafety(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;
  const expectFiltered = (error: unknown, reason: string): void => {
    const typed = expectProviderError(error, ContentFilteredError, ctx.provider.id, { retryable: false, code: 'content_filtered' });
    expect(ContentFilteredError.isInstance(typed) ? typed.reason : undefined, 'reason (the category)').toBe(reason);
  };

  describe('safety', () => {
    it('a prompt blocked for SAFETY → ContentFilteredError with the blocked category', { timeout }, async () => {
      ctx.server.script({ kind: 'prompt-blocked', category: 'HARM_CATEGORY_HARASSMENT' });
      expectFiltered(await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat with a blocked prompt'), 'HARM_CATEGORY_HARASSMENT');
    });

    it('a prompt blocked for PROHIBITED_CONTENT (no category) → ContentFilteredError with that reason', { timeout }, async () => {
      ctx.server.script({ kind: 'prompt-blocked', blockReason: 'PROHIBITED_CONTENT' });
      expectFiltered(await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat with a blocked prompt'), 'PROHIBITED_CONTENT');
    });

    it('an answer withheld (finishReason SAFETY, no content) → ContentFilteredError with the category', { timeout }, async () => {
      ctx.server.script({ kind: 'candidate-blocked', category: 'HARM_CATEGORY_DANGEROUS_CONTENT' });
      expectFiltered(await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat with a withheld answer'), 'HARM_CATEGORY_DANGEROUS_CONTENT');
    });

    if (!options.streaming) return;

    it('stream: a blocked prompt → ContentFilteredError before any content', { timeout }, async () => {
      ctx.server.script({ kind: 'prompt-blocked', category: 'HARM_CATEGORY_HATE_SPEECH' });
      const { chunks, error } = await streamOutcome(ctx);
      expect(contentDeltas(chunks)).toEqual([]);
      expectFiltered(error, 'HARM_CATEGORY_HATE_SPEECH');
    });

    it('stream: an answer withheld before any text → ContentFilteredError with the category', { timeout }, async () => {
      ctx.server.script({ kind: 'candidate-blocked', category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT' });
      const { chunks, error } = await streamOutcome(ctx);
      expect(contentDeltas(chunks)).toEqual([]);
      expectFiltered(error, 'HARM_CATEGORY_SEXUALLY_EXPLICIT');
    });

    it('stream: a filter stopping the answer midway → the text so far, then finish reason content_filter', { timeout }, async () => {
      ctx.server.script({ kind: 'candidate-blocked', chunks: PIECES, afterChunks: 2 });
      const { chunks, error } = await streamOutcome(ctx);
      expect(error).toBeUndefined();
      expect(contentDeltas(chunks)).toEqual(PIECES.slice(0, 2));
      expect(finishReasons(chunks)).toEqual(['content_filter']);
    });
  });
}
