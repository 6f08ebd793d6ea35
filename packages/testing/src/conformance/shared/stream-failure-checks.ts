import type { MalformedEventReport } from '@modelmesh/core';
import { expect, it } from 'vitest';
import { describeThrown } from '../expect-provider-error.js';
import { contentDeltas, drain } from '../stream-reading.js';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import type { ScriptCommonStep } from './common-step.js';
import { expectStreamFailure, FAILURE_PIECES } from './stream-failure.js';
import type { WireCheckContext } from './wire-check-context.js';

/** The names a wire gives the stream-failure checks every wire has. */
export interface StreamFailureTitles {
  readonly cutAfterContent: string;
  readonly cutBeforeContent: string;
  readonly malformedChunk: string;
}

/** The titles the OpenAI suite uses; the other wires override some. */
export const STREAM_FAILURE_TITLES: StreamFailureTitles = {
  cutAfterContent: 'a cut stream yields what arrived, then throws a retryable connection_error',
  cutBeforeContent: 'a stream cut before any content throws a retryable connection_error',
  malformedChunk: 'a malformed chunk is skipped and reported; with max malformed events 0 it throws a retryable malformed_response',
};

/** The checks every wire registers in its `describe('stream failures')`, each by itself so a wire keeps its order. */
export interface CommonStreamFailureChecks {
  /** A stream cut after two pieces yields them, then throws a retryable connection_error. */
  cutAfterContent(): void;
  /** A stream cut before any content throws a retryable connection_error. */
  cutBeforeContent(): void;
  /** A malformed event after one piece is skipped and reported; past the call's limit it throws a retryable malformed_response. */
  malformedChunk(): void;
}

/** Builds the registrations of the stream-failure checks every wire shares. */
export function commonStreamFailureChecks<S, R extends FakeLoggedRecord>(
  ctx: WireCheckContext<S, R>,
  script: ScriptCommonStep<S>,
  titles: StreamFailureTitles,
): CommonStreamFailureChecks {
  const timeout = ctx.options.testTimeoutMs;
  return {
    cutAfterContent: () =>
      it(titles.cutAfterContent, { timeout }, () =>
        expectStreamFailure(ctx, script({ kind: 'cut', afterChunks: 2, chunks: FAILURE_PIECES }), { content: FAILURE_PIECES.slice(0, 2), noFinishReason: true, code: 'connection_error' }),
      ),
    cutBeforeContent: () => it(titles.cutBeforeContent, { timeout }, () => expectStreamFailure(ctx, script({ kind: 'cut', afterChunks: 0 }), { content: [], code: 'connection_error' })),
    malformedChunk: () =>
      it(titles.malformedChunk, { timeout }, async () => {
        const step = script({ kind: 'malformed-chunk', afterChunks: 1, chunks: FAILURE_PIECES });
        ctx.server.script(step);
        const skipped: MalformedEventReport[] = [];
        const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call({ reportMalformedEvent: (s) => skipped.push(s) })));
        expect(error, error === undefined ? '' : describeThrown(error)).toBeUndefined();
        expect(contentDeltas(chunks)).toEqual(FAILURE_PIECES);
        expect(skipped.map((s) => s.count)).toEqual([1]);
        await expectStreamFailure(ctx, step, { content: FAILURE_PIECES.slice(0, 1), code: 'malformed_response', call: { maxMalformedEvents: 0 } });
      }),
  };
}
