import { isContentChunk, ProviderError, RateLimitError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { anthropicStreamError } from '../../servers/anthropic/fake-anthropic-steps.js';
import { expectProviderError } from '../expect-provider-error.js';
import { commonStreamFailureChecks, STREAM_FAILURE_TITLES } from '../shared/stream-failure-checks.js';
import { expectStreamFailure, FAILURE_PIECES as PIECES } from '../shared/stream-failure.js';
import { drain } from '../stream-reading.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';

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
      await expectStreamFailure(ctx, { kind: 'stream-error', afterChunks: 2, chunks: PIECES, error: { type: 'overloaded_error', message } }, { content: PIECES.slice(0, 2), noFinishReason: true, message });
    });

    it('an api_error event is retryable; a rate_limit_error event is a RateLimitError', { timeout }, async () => {
      ctx.server.script(anthropicStreamError(1, { type: 'api_error', message: 'Internal server error' }), anthropicStreamError(0, { type: 'rate_limit_error', message: 'Rate limited' }));
      const first = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expectProviderError(first.error, ProviderError, ctx.provider.id, { retryable: true });
      const second = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expectProviderError(second.error, RateLimitError, ctx.provider.id, { retryable: true });
    });

    const common = commonStreamFailureChecks(ctx, (step) => step, {
      ...STREAM_FAILURE_TITLES,
      malformedChunk: 'a malformed event throws a retryable malformed_response (not skipped)',
    });
    common.cutAfterContent();
    common.cutBeforeContent();

    it('a stream that ends after every piece but before message_delta is a cut, not a success', { timeout }, () =>
      expectStreamFailure(ctx, { kind: 'cut', afterChunks: 99, chunks: PIECES }, { content: PIECES, code: 'connection_error' }),
    );

    common.malformedChunk();
  });
}
