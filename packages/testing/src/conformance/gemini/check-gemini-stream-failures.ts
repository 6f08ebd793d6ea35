import { ProviderError, RateLimitError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { expectProviderError } from '../expect-provider-error.js';
import { contentDeltas, drain, finishReasons } from '../stream-reading.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

const PIECES = ['One ', 'two ', 'three ', 'four.'];

/** Failures after the response started: the iterable throws a typed error after what did arrive, never a silently truncated "success". */
export function checkGeminiStreamFailures(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;
  if (!options.streaming) return;

  describe('stream failures', () => {
    it('a cut stream yields what arrived, then throws a retryable connection_error', { timeout }, async () => {
      ctx.server.script({ kind: 'cut', afterChunks: 2, chunks: PIECES });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES.slice(0, 2));
      expect(finishReasons(chunks)).toEqual([]);
      expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true, code: 'connection_error' });
    });

    it('a stream cut before any event throws a retryable connection_error', { timeout }, async () => {
      ctx.server.script({ kind: 'cut', afterChunks: 0 });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual([]);
      expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true, code: 'connection_error' });
    });

    it('a malformed event throws a retryable malformed_response (not skipped)', { timeout }, async () => {
      ctx.server.script({ kind: 'malformed-chunk', afterChunks: 1, chunks: PIECES });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES.slice(0, 1));
      expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true, code: 'malformed_response' });
    });

    it('a stream that ends cleanly without its final event (no finish reason) is a retryable connection_error', { timeout }, async () => {
      ctx.server.script({ kind: 'missing-final', chunks: PIECES });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES);
      expect(finishReasons(chunks)).toEqual([]);
      expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true, code: 'connection_error' });
    });

    it('an in-stream UNAVAILABLE error event throws a typed, retryable error carrying its message', { timeout }, async () => {
      const message = 'The model is overloaded mid-stream (conformance).';
      ctx.server.script({ kind: 'stream-error', afterChunks: 1, chunks: PIECES, error: { code: 503, message, status: 'UNAVAILABLE' } });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES.slice(0, 1));
      const typed = expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true });
      expect(typed.message).toContain(message);
    });

    it('an in-stream RESOURCE_EXHAUSTED error event → RateLimitError', { timeout }, async () => {
      ctx.server.script({ kind: 'stream-error', afterChunks: 0, error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } });
      const { error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expectProviderError(error, RateLimitError, ctx.provider.id, { retryable: true });
    });
  });
}
