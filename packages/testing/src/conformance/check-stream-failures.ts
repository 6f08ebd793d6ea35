import { describe, expect, it } from 'vitest';
import type { ConformanceContext } from './conformance-context.js';
import { describeThrown } from './expect-provider-error.js';
import { commonStreamFailureChecks, STREAM_FAILURE_TITLES } from './shared/stream-failure-checks.js';
import { expectStreamFailure, FAILURE_PIECES as PIECES } from './shared/stream-failure.js';
import { contentDeltas, drain, finishReasons } from './stream-reading.js';

/**
 * Failures after the response started: the iterable throws a ModelMesh error after yielding
 * what did arrive, never a silently truncated "success".
 */
export function checkStreamFailures(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;
  if (!options.streaming) return;

  describe('stream failures', () => {
    const common = commonStreamFailureChecks(ctx, (step) => step, STREAM_FAILURE_TITLES);
    common.cutAfterContent();
    common.cutBeforeContent();
    common.malformedChunk();

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
      const step = { kind: 'stream-error', afterChunks: 1, chunks: PIECES, error: { message, type: 'server_error', code: 'overloaded' } } as const;
      await expectStreamFailure(ctx, step, { content: PIECES.slice(0, 1), message });
    });
  });
}
