import { connectionReset, errorEvent, malformedResponse, resolveUnary, type FailureSource } from './mock-failures.js';
import type { MockAnswer, MockOutcome } from './mock-outcome.js';
import type { MockStreamEnd } from './mock-stream.js';

/** What a streamed call does under an outcome. */
export type StreamResolution =
  /** The response never starts (the `chatStream` promise rejects). */
  | { readonly kind: 'fail'; readonly error: unknown }
  /** The response never starts and nothing happens until the signal aborts. */
  | { readonly kind: 'hang' }
  /** The response starts; `deliver` content chunks arrive, then `end`. */
  | { readonly kind: 'stream'; readonly answer: MockAnswer; readonly deliver: number; readonly end: MockStreamEnd };

const NO_ANSWER: MockAnswer = {};

/**
 * How a streamed call plays an outcome. Failures of the whole response (`http`, `reset`,
 * `malformed`, `error`) reject before the stream starts, so the router can still fail over;
 * the stream outcomes start the response and break it.
 */
export function resolveStream(outcome: MockOutcome, source: FailureSource): StreamResolution {
  const during = 'the stream';
  switch (outcome.type) {
    case 'ok':
      return { kind: 'stream', answer: outcome, deliver: Infinity, end: { kind: 'finish' } };
    case 'stream-cut':
      return { kind: 'stream', answer: outcome, deliver: outcome.afterChunks ?? 1, end: { kind: 'throw', error: () => connectionReset(source, during) } };
    case 'stall':
      return { kind: 'stream', answer: outcome, deliver: outcome.afterChunks ?? 1, end: { kind: 'stall' } };
    case 'malformed-chunk':
      return { kind: 'stream', answer: outcome, deliver: outcome.afterChunks ?? 1, end: { kind: 'throw', error: () => malformedResponse(source, 'stream chunk') } };
    case 'no-finish':
      return { kind: 'stream', answer: outcome, deliver: Infinity, end: { kind: 'no-finish' } };
    case 'error-before-content':
      return { kind: 'stream', answer: NO_ANSWER, deliver: 0, end: { kind: 'throw', error: () => errorEvent(outcome, source) } };
    default: {
      const unary = resolveUnary(outcome, source);
      return unary.kind === 'answer' ? { kind: 'stream', answer: NO_ANSWER, deliver: Infinity, end: { kind: 'finish' } } : unary;
    }
  }
}
