import { RateLimitError } from '@modelmesh/core';
import { describe, it } from 'vitest';
import { expectProviderError } from '../expect-provider-error.js';
import { commonStreamFailureChecks, STREAM_FAILURE_TITLES } from '../shared/stream-failure-checks.js';
import { expectStreamFailure, FAILURE_PIECES as PIECES } from '../shared/stream-failure.js';
import { drain } from '../stream-reading.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

/** Failures after the response started: the iterable throws a typed error after what did arrive, never a silently truncated "success". */
export function checkGeminiStreamFailures(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;
  if (!options.streaming) return;

  describe('stream failures', () => {
    const common = commonStreamFailureChecks(ctx, (step) => step, {
      ...STREAM_FAILURE_TITLES,
      cutBeforeContent: 'a stream cut before any event throws a retryable connection_error',
      malformedChunk: 'a malformed event throws a retryable malformed_response (not skipped)',
    });
    common.cutAfterContent();
    common.cutBeforeContent();
    common.malformedChunk();

    it('a stream that ends cleanly without its final event (no finish reason) is a retryable connection_error', { timeout }, () =>
      expectStreamFailure(ctx, { kind: 'missing-final', chunks: PIECES }, { content: PIECES, noFinishReason: true, code: 'connection_error' }),
    );

    it('an in-stream UNAVAILABLE error event throws a typed, retryable error carrying its message', { timeout }, async () => {
      const message = 'The model is overloaded mid-stream (conformance).';
      await expectStreamFailure(ctx, { kind: 'stream-error', afterChunks: 1, chunks: PIECES, error: { code: 503, message, status: 'UNAVAILABLE' } }, { content: PIECES.slice(0, 1), message });
    });

    it('an in-stream RESOURCE_EXHAUSTED error event → RateLimitError', { timeout }, async () => {
      ctx.server.script({ kind: 'stream-error', afterChunks: 0, error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } });
      const { error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call()));
      expectProviderError(error, RateLimitError, ctx.provider.id, { retryable: true });
    });
  });
}
