import { isContentChunk, ProviderError, RateLimitError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { anthropicStreamError } from '../../servers/anthropic/fake-anthropic-steps.js';
import { expectProviderError } from '../expect-provider-error.js';
import { contentDeltas, drain, finishReasons } from '../stream-reading.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';

const PIECES = ['One ', 'two ', 'three ', 'four.'];

/**
 * Failures after the 200: the iterable throws a ModelMesh error after yielding what did arrive,
 * never a silently truncated "success". An `overloaded_error` event before any content must come
 * out as a retryable error with no content chunk before it, which is what lets the router fail over.
 */
export function checkAnthropicStreamFailures(ctx: AnthropicConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;
  if (!options.streaming) return;

  describe('stream failures', () => {
    it('an overloaded_error event before any content throws a retryable error, with no content chunk before it', { timeout }, async () => {
      ctx.server.script(anthropicStreamError(0));
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(chunks.filter(isContentChunk), 'content chunks before the error').toEqual([]);
      const typed = expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true });
      expect(typed.message).toContain('Overloaded');
      expect(typed.status, 'the status of an overloaded_error').toBe(529);
    });

    it('an overloaded_error event after content throws a retryable error, after what arrived', { timeout }, async () => {
      const message = 'Overloaded mid-answer (conformance).';
      ctx.server.script({ kind: 'stream-error', afterChunks: 2, chunks: PIECES, error: { type: 'overloaded_error', message } });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES.slice(0, 2));
      expect(finishReasons(chunks)).toEqual([]);
      expect(expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true }).message).toContain(message);
    });

    it('an api_error event is retryable; a rate_limit_error event is a RateLimitError', { timeout }, async () => {
      ctx.server.script(anthropicStreamError(1, { type: 'api_error', message: 'Internal server error' }), anthropicStreamError(0, { type: 'rate_limit_error', message: 'Rate limited' }));
      const first = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expectProviderError(first.error, ProviderError, ctx.provider.id, { retryable: true });
      const second = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expectProviderError(second.error, RateLimitError, ctx.provider.id, { retryable: true });
    });

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

    it('a stream that ends after every piece but before message_delta is a cut, not a success', { timeout }, async () => {
      ctx.server.script({ kind: 'cut', afterChunks: 99, chunks: PIECES });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES);
      expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true, code: 'connection_error' });
    });

    it('a malformed event throws a retryable malformed_response (not skipped)', { timeout }, async () => {
      ctx.server.script({ kind: 'malformed-chunk', afterChunks: 1, chunks: PIECES });
      const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expect(contentDeltas(chunks)).toEqual(PIECES.slice(0, 1));
      expectProviderError(error, ProviderError, ctx.provider.id, { retryable: true, code: 'malformed_response' });
    });
  });
}
