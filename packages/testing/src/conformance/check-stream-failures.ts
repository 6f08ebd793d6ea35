import { ProviderError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { describeThrown, expectProviderError } from './expect-provider-error.js';
import { contentDeltas, drain, finishReasons } from './stream-reading.js';

const PIECES = ['One ', 'two ', 'three ', 'four.'];

/**
 * Failures after the response started: the iterable throws a ModelMesh error after yielding
 * what did arrive, never a silently truncated "success".
 */
export function checkStreamFailures(ctx: ConformanceContext): void {
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

    it('a stream cut before any content throws a retryable connection_error', { timeout }, async () => {
      ctx.server.script({ kind: 'cut', afterChunks: 0 });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual([]);
      expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true, code: 'connection_error' });
    });

    it('a malformed chunk throws a retryable malformed_response (not skipped)', { timeout }, async () => {
      ctx.server.script({ kind: 'malformed-chunk', afterChunks: 1, chunks: PIECES });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES.slice(0, 1));
      expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true, code: 'malformed_response' });
    });

    // Decision: a finish chunk WAS received, so the answer is whole; a missing [DONE] alone is no failure.
    it('a stream that ends after its finish chunk without [DONE] completes normally', { timeout }, async () => {
      ctx.server.script({ kind: 'missing-done', chunks: PIECES });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(error, error === undefined ? '' : describeThrown(error)).toBeUndefined();
      expect(contentDeltas(chunks)).toEqual(PIECES);
      expect(finishReasons(chunks)).toEqual(['stop']);
    });

    it('an in-stream error event throws a typed, retryable ProviderError carrying its message', { timeout }, async () => {
      const message = 'The server is overloaded mid-stream (conformance).';
      ctx.server.script({ kind: 'stream-error', afterChunks: 1, chunks: PIECES, error: { message, type: 'server_error', code: 'overloaded' } });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES.slice(0, 1));
      const typed = expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true });
      expect(typed.message).toContain(message);
    });
  });
}
