import { ProviderError } from '@modelmesh/core';
import { httpError } from './mock-http-error.js';
import type { MockOutcome } from './mock-outcome.js';

/** Who failed and when, for the errors' fields. */
export interface FailureSource {
  readonly providerId: string;
  readonly modelId: string;
  /** Now, in ms since epoch. */
  readonly now: number;
}

/** The connection dropped (before or during the response). Retryable. */
export function connectionReset(source: FailureSource, during = 'the request'): ProviderError {
  return new ProviderError({
    providerId: source.providerId,
    modelId: source.modelId,
    code: 'connection_error',
    message: `Provider "${source.providerId}" reset the connection during ${during} (ECONNRESET)`,
  });
}

/** The provider's answer could not be parsed. Retryable. */
export function malformedResponse(source: FailureSource, what = 'response'): ProviderError {
  return new ProviderError({
    providerId: source.providerId,
    modelId: source.modelId,
    code: 'malformed_response',
    message: `Provider "${source.providerId}" sent a malformed ${what}`,
  });
}

const OVERLOADED_BODY = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };

/** The error an `error-before-content` outcome amounts to. */
export function errorEvent(outcome: Extract<MockOutcome, { type: 'error-before-content' }>, source: FailureSource): ProviderError {
  const status = outcome.status ?? 529;
  return httpError({ status, headers: outcome.headers, body: outcome.body ?? (status === 529 ? OVERLOADED_BODY : undefined) }, source);
}

/** What a call that is not streamed does under an outcome. */
export type UnaryResolution = { readonly kind: 'answer' } | { readonly kind: 'fail'; readonly error: unknown } | { readonly kind: 'hang' };

/**
 * How a non-streamed call (chat or embeddings) plays an outcome. Stream-only outcomes play
 * as their nearest whole-response analogue: `stream-cut` as `reset`, `stall` as `timeout`,
 * `malformed-chunk` and `no-finish` as `malformed`.
 */
export function resolveUnary(outcome: MockOutcome, source: FailureSource): UnaryResolution {
  switch (outcome.type) {
    case 'ok':
      return { kind: 'answer' };
    case 'timeout':
    case 'stall':
      return { kind: 'hang' };
    case 'http':
      return { kind: 'fail', error: httpError(outcome, source) };
    case 'reset':
    case 'stream-cut':
      return { kind: 'fail', error: connectionReset(source) };
    case 'malformed':
    case 'malformed-chunk':
    case 'no-finish':
      return { kind: 'fail', error: malformedResponse(source) };
    case 'error':
      return { kind: 'fail', error: outcome.error };
    case 'error-before-content':
      return { kind: 'fail', error: errorEvent(outcome, source) };
  }
}
