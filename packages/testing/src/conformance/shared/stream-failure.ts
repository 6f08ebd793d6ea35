import { ProviderError } from '@modelmesh/core';
import { expect } from 'vitest';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import { expectProviderError, type ErrorClass } from '../expect-provider-error.js';
import { contentDeltas, drain, finishReasons } from '../stream-reading.js';
import type { CallOverrides } from '../conformance-context.js';
import type { WireCheckContext } from './wire-check-context.js';

/** The pieces the stream-failure checks script. */
export const FAILURE_PIECES: readonly string[] = ['One ', 'two ', 'three ', 'four.'];

/** How a stream that failed after the response started must have ended. */
export interface StreamFailure {
  /** The content deltas yielded before the error. */
  readonly content: readonly string[];
  /** Also assert that no finish reason was yielded. */
  readonly noFinishReason?: boolean;
  /** The typed error it throws (default ProviderError); always retryable. */
  readonly errorClass?: ErrorClass<ProviderError>;
  readonly code?: ProviderError['code'];
  /** Text the error's message must contain. */
  readonly message?: string;
  /** Settings of the call (besides the defaults). */
  readonly call?: CallOverrides;
}

/**
 * Scripts `step`, which makes the stream fail after the response started, and asserts that the
 * iterable yields what arrived, then throws the typed, retryable error (never a silently
 * truncated "success").
 */
export async function expectStreamFailure<S, R extends FakeLoggedRecord>(ctx: WireCheckContext<S, R>, step: S, failure: StreamFailure): Promise<void> {
  ctx.server.script(step);
  const { chunks, error } = await drain(await ctx.provider.chatStream(ctx.streamParams(), ctx.call(failure.call)));
  expect(contentDeltas(chunks)).toEqual(failure.content);
  if (failure.noFinishReason) expect(finishReasons(chunks)).toEqual([]);
  const typed = expectProviderError(error, failure.errorClass ?? ProviderError, ctx.provider.id, {
    retryable: true,
    ...(failure.code === undefined ? {} : { code: failure.code }),
  });
  if (failure.message !== undefined) expect(typed.message).toContain(failure.message);
}
