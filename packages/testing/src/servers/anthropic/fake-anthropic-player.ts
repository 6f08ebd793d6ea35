import { playAnswer } from '../fake-answer-player.js';
import { sendBody, type FakeExchange } from '../fake-exchange.js';
import { playFakeStep } from '../fake-step-player.js';
import type { FakeStreamFailure, FakeStreamFrame, FakeWirePayload } from '../fake-wire.js';
import { anthropicErrorBody, anthropicErrorStatus, defaultAnthropicErrorBody, promptTooLongBody } from './anthropic-error-bodies.js';
import { anthropicSseEncode, type AnthropicStreamEvent } from './fake-anthropic-events.js';
import type { FakeAnthropicAnswer, FakeAnthropicError, FakeAnthropicStep } from './fake-anthropic-step.js';
import { anthropicRateLimitHeaders } from './fake-anthropic-wire.js';

/** What an endpoint answers for a step's answer fields: a JSON body, or the events of a stream. */
export type FakeAnthropicPayload = { readonly type: 'json'; readonly body: unknown } | { readonly type: 'stream'; readonly events: readonly AnthropicStreamEvent[] };

/** Builds an endpoint's payload from a step's answer fields. */
export type AnthropicPayloadBuilder = (answer: FakeAnthropicAnswer) => FakeAnthropicPayload;

const DEFAULT_STREAM_ERROR: FakeAnthropicError = { type: 'overloaded_error', message: 'Overloaded' };

/** What a `stream-error` step sends on Anthropic's wire: an `error` event, or the error's HTTP answer. */
function streamFailure(requestId: string): (step: FakeAnthropicStep) => FakeStreamFailure {
  return (step) => {
    const error = (step.kind === 'stream-error' ? step.error : undefined) ?? DEFAULT_STREAM_ERROR;
    const body = anthropicErrorBody(error.type, error.message, requestId);
    return { frame: anthropicSseEncode('error', body), status: anthropicErrorStatus(error.type), body };
  };
}

/** A stream event as a frame: the break no piece reached comes before `message_delta`; `missing-stop` leaves out `message_stop`. */
function anthropicFrame(item: AnthropicStreamEvent): FakeStreamFrame {
  const frame = { text: anthropicSseEncode(item.event, item.data), piece: item.piece, tail: item.event === 'message_delta' };
  return item.event === 'message_stop' ? { ...frame, omittedBy: 'missing-stop' } : frame;
}

/** Plays a step on an exchange; `build` turns answer fields into this endpoint's payload. */
export function playAnthropicStep(exchange: FakeExchange, step: FakeAnthropicStep, build: AnthropicPayloadBuilder): Promise<void> {
  return playFakeStep(exchange, step, {
    defaultErrorBody: (status, ex) => ({ body: defaultAnthropicErrorBody(status, ex.requestId) }),
    async playOther(ex, other) {
      switch (other.kind) {
        case 'context-length':
          return sendBody(ex, 400, promptTooLongBody(other.promptTokens, other.contextWindow, ex.requestId));
        case 'overloaded':
          return sendBody(ex, 529, defaultAnthropicErrorBody(529, ex.requestId), other.headers);
        default: {
          const payload = build(other);
          const wirePayload: FakeWirePayload = payload.type === 'stream' ? { type: 'stream', frames: payload.events.map(anthropicFrame) } : payload;
          const headers = { ...anthropicRateLimitHeaders(), ...other.headers };
          return playAnswer(ex, other, wirePayload, headers, streamFailure(ex.requestId));
        }
      }
    },
  });
}
