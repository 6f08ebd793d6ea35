import { playAnswer } from './fake-answer-player.js';
import type { ChatStreamEvents } from './fake-chat-chunks.js';
import { sendBody, type FakeExchange } from './fake-exchange.js';
import { DEFAULT_RATE_LIMIT_HEADERS } from './fake-openai-wire.js';
import type { FakeAnswer, FakeStep } from './fake-step.js';
import { playFakeStep } from './fake-step-player.js';
import type { FakeStreamFailure, FakeStreamFrame } from './fake-wire.js';
import { contentFilterBody, contextLengthBody, defaultErrorBody, openAIErrorBody } from './openai-error-bodies.js';
import { SSE_DONE, sseEncode } from './sse-encode.js';

/** What an endpoint answers for a step's answer fields: a JSON body (any status), or a chat stream. */
export type FakePayload =
  | { readonly type: 'json'; readonly body: unknown; readonly status?: number }
  | { readonly type: 'stream'; readonly events: ChatStreamEvents };

/** Builds an endpoint's payload from a step's answer fields. */
export type PayloadBuilder = (answer: FakeAnswer) => FakePayload;

const DEFAULT_STREAM_ERROR = { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null };

/** A chat stream as frames: role, pieces, finish (where an unreached break comes), usage, `[DONE]`. */
function chatFrames(events: ChatStreamEvents): FakeStreamFrame[] {
  return [
    { text: sseEncode(events.role) },
    ...events.pieces.map((piece) => ({ text: sseEncode(piece), piece: true })),
    { text: sseEncode(events.finish), tail: true },
    ...(events.usage ? [{ text: sseEncode(events.usage) }] : []),
    { text: SSE_DONE, uncounted: true, omittedBy: 'missing-done' },
  ];
}

/** What a `stream-error` step sends on OpenAI's wire. */
function streamFailure(step: FakeStep): FakeStreamFailure {
  const given = step.kind === 'stream-error' ? step.error : undefined;
  const error = given ?? DEFAULT_STREAM_ERROR;
  return {
    frame: sseEncode({ error: { ...DEFAULT_STREAM_ERROR, ...given } }),
    status: 500,
    body: openAIErrorBody(error.message, error.type ?? null, error.code ?? null, error.param ?? null),
  };
}

/** Plays a step on an exchange of the fake OpenAI server; `build` turns answer fields into this endpoint's payload. */
export function playStep(exchange: FakeExchange, step: FakeStep, build: PayloadBuilder): Promise<void> {
  return playFakeStep(exchange, step, {
    defaultErrorBody: (status) => defaultErrorBody(status),
    async playOther(ex, other) {
      switch (other.kind) {
        case 'context-length':
          return sendBody(ex, 400, contextLengthBody());
        case 'content-filter':
          return sendBody(ex, 400, contentFilterBody());
        default: {
          const payload = build(other);
          // The endpoint refused the request itself (e.g. embeddings without input).
          if (payload.type === 'json' && payload.status !== undefined && payload.status !== 200) return sendBody(ex, payload.status, payload.body);
          const wirePayload = payload.type === 'stream' ? { type: 'stream' as const, frames: chatFrames(payload.events) } : payload;
          return playAnswer(ex, other, wirePayload, { ...DEFAULT_RATE_LIMIT_HEADERS, ...other.headers }, streamFailure);
        }
      }
    },
  });
}
