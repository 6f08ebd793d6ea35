import type { ChatStreamEvents } from './fake-chat-chunks.js';
import { DEFAULT_RATE_LIMIT_HEADERS, destroyConnection, pause, sendBody, type FakeExchange } from './fake-exchange.js';
import { playJson, type FakeAnswerStep } from './fake-json-player.js';
import type { FakeAnswer, FakeStep } from './fake-step.js';
import { playStream } from './fake-stream-player.js';
import { contentFilterBody, contextLengthBody, defaultErrorBody } from './openai-error-bodies.js';

/** What an endpoint answers for a step's answer fields: a JSON body (any status), or a chat stream. */
export type FakePayload =
  | { readonly type: 'json'; readonly body: unknown; readonly status?: number }
  | { readonly type: 'stream'; readonly events: ChatStreamEvents };

/** Builds an endpoint's payload from a step's answer fields. */
export type PayloadBuilder = (answer: FakeAnswer) => FakePayload;

/** Plays a step on an exchange; `build` turns answer fields into this endpoint's payload. */
export async function playStep(exchange: FakeExchange, step: FakeStep, build: PayloadBuilder): Promise<void> {
  // `slow-first-token` uses `delayMs` for the wait after the headers instead.
  if (step.kind !== 'slow-first-token' && !(await pause(exchange, step.delayMs))) return;
  switch (step.kind) {
    case 'status': {
      const fallback = defaultErrorBody(step.status);
      const body = step.body === undefined ? fallback.body : step.body;
      const contentType = step.body === undefined ? fallback.contentType : 'application/json';
      sendBody(exchange, step.status, body, { 'content-type': contentType, ...step.headers });
      return;
    }
    case 'context-length':
      sendBody(exchange, 400, contextLengthBody());
      return;
    case 'content-filter':
      sendBody(exchange, 400, contentFilterBody());
      return;
    case 'timeout':
      // Never answer: the socket stays open until the client gives up or the server closes.
      return;
    case 'reset':
      destroyConnection(exchange, 'reset');
      return;
    default:
      await playAnswer(exchange, step, build(step));
  }
}

async function playAnswer(exchange: FakeExchange, step: FakeAnswerStep, payload: FakePayload): Promise<void> {
  const headers = { ...DEFAULT_RATE_LIMIT_HEADERS, ...step.headers };
  if (payload.type === 'stream') {
    await playStream(exchange, step, payload.events, headers);
  } else if (payload.status !== undefined && payload.status !== 200) {
    // The endpoint refused the request itself (e.g. embeddings without input).
    sendBody(exchange, payload.status, payload.body);
  } else {
    await playJson(exchange, step, payload.body, headers);
  }
}
