import { Buffer } from 'node:buffer';
import { destroyConnection, pause, type FakeExchange } from '../fake-exchange.js';
import { ANTHROPIC_ERROR_STATUS, anthropicErrorBody, defaultAnthropicErrorBody, promptTooLongBody } from './anthropic-error-bodies.js';
import type { AnthropicStreamEvent } from './fake-anthropic-events.js';
import { anthropicBaseHeaders, anthropicRateLimitHeaders, openAnthropicStream, sendAnthropicBody, sendAnthropicEvent } from './fake-anthropic-exchange.js';
import type { FakeAnthropicAnswer, FakeAnthropicAnswerStep, FakeAnthropicError, FakeAnthropicStep } from './fake-anthropic-step.js';

/** What an endpoint answers for a step's answer fields: a JSON body, or the events of a stream. */
export type FakeAnthropicPayload = { readonly type: 'json'; readonly body: unknown } | { readonly type: 'stream'; readonly events: readonly AnthropicStreamEvent[] };

/** Builds an endpoint's payload from a step's answer fields. */
export type AnthropicPayloadBuilder = (answer: FakeAnthropicAnswer) => FakeAnthropicPayload;

/** The data of a malformed event: the start of a JSON object that never closes. */
export const ANTHROPIC_MALFORMED_EVENT = '{not json';

const DEFAULT_STREAM_ERROR: FakeAnthropicError = { type: 'overloaded_error', message: 'Overloaded' };

/** Plays a step on an exchange; `build` turns answer fields into this endpoint's payload. */
export async function playAnthropicStep(exchange: FakeExchange, step: FakeAnthropicStep, build: AnthropicPayloadBuilder): Promise<void> {
  // `slow-first-token` uses `delayMs` for the wait after the headers instead.
  if (step.kind !== 'slow-first-token' && !(await pause(exchange, step.delayMs))) return;
  switch (step.kind) {
    case 'status': {
      const body = step.body === undefined ? defaultAnthropicErrorBody(step.status, exchange.requestId) : step.body;
      sendAnthropicBody(exchange, step.status, body, step.headers);
      return;
    }
    case 'context-length':
      sendAnthropicBody(exchange, 400, promptTooLongBody(step.promptTokens, step.contextWindow, exchange.requestId));
      return;
    case 'overloaded':
      sendAnthropicBody(exchange, 529, defaultAnthropicErrorBody(529, exchange.requestId), step.headers);
      return;
    case 'timeout':
      // Never answer: the socket stays open until the client gives up or the server closes.
      return;
    case 'reset':
      destroyConnection(exchange, 'reset');
      return;
    default: {
      const payload = build(step);
      const headers = { ...anthropicRateLimitHeaders(), ...step.headers };
      if (payload.type === 'stream') await playAnthropicStream(exchange, step, payload.events, headers);
      else await playAnthropicJson(exchange, step, payload.body, headers);
    }
  }
}

/** Where a misbehaving step breaks the stream: after this many pieces (undefined: never). */
function breakPoint(step: FakeAnthropicAnswerStep): number | undefined {
  if (step.kind === 'cut' || step.kind === 'stall' || step.kind === 'malformed-chunk' || step.kind === 'stream-error') return Math.max(0, step.afterChunks);
  return undefined;
}

/** What happens at the break point; true when the stream goes on afterwards. */
function breakStream(exchange: FakeExchange, step: FakeAnthropicAnswerStep): boolean {
  switch (step.kind) {
    case 'cut':
      destroyConnection(exchange, 'close');
      return false;
    case 'stall':
      return false;
    case 'malformed-chunk':
      sendAnthropicEvent(exchange, 'content_block_delta', ANTHROPIC_MALFORMED_EVENT);
      return true;
    case 'stream-error':
      sendAnthropicEvent(exchange, 'error', anthropicErrorBody((step.error ?? DEFAULT_STREAM_ERROR).type, (step.error ?? DEFAULT_STREAM_ERROR).message, exchange.requestId));
      exchange.res.end();
      return false;
    default:
      return true;
  }
}

/**
 * Plays an answer step as a named-event SSE stream. The break comes before the piece that would
 * exceed `afterChunks`, or before `message_delta` when every piece went out; `missing-stop` leaves
 * out `message_stop`.
 */
async function playAnthropicStream(exchange: FakeExchange, step: FakeAnthropicAnswerStep, events: readonly AnthropicStreamEvent[], headers: Readonly<Record<string, string>>): Promise<void> {
  openAnthropicStream(exchange, headers);
  if (step.kind === 'slow-first-token' && !(await pause(exchange, step.delayMs))) return;
  const stopAt = breakPoint(step);
  let pieces = 0;
  let broken = false;
  for (const item of events) {
    const atBreak = stopAt !== undefined && !broken && ((item.piece && pieces === stopAt) || item.event === 'message_delta');
    if (atBreak) {
      broken = true;
      if (!breakStream(exchange, step)) return;
    }
    if (item.event === 'message_stop' && step.kind === 'missing-stop') break;
    if (item.piece) {
      if (pieces > 0 && !(await pause(exchange, step.chunkDelayMs))) return;
      pieces += 1;
    }
    sendAnthropicEvent(exchange, item.event, item.data);
  }
  if (!exchange.closed.aborted) exchange.res.end();
}

/** Starts a JSON response whose body never fully arrives: the headers promise the whole length, half is sent. */
function sendHalf(exchange: FakeExchange, text: string, headers: Readonly<Record<string, string>>): void {
  const bytes = Buffer.from(text);
  exchange.res.writeHead(200, { 'content-type': 'application/json', ...anthropicBaseHeaders(exchange), ...headers, 'content-length': String(bytes.length) });
  exchange.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
}

/** Plays an answer step for a non-streaming request; stream failures get their JSON counterparts. */
async function playAnthropicJson(exchange: FakeExchange, step: FakeAnthropicAnswerStep, body: unknown, headers: Readonly<Record<string, string>>): Promise<void> {
  const text = JSON.stringify(body);
  switch (step.kind) {
    case 'ok':
    case 'missing-stop':
      sendAnthropicBody(exchange, 200, text, headers);
      return;
    case 'slow-first-token':
      exchange.res.writeHead(200, { 'content-type': 'application/json', ...anthropicBaseHeaders(exchange), ...headers });
      exchange.res.flushHeaders();
      if (await pause(exchange, step.delayMs)) exchange.res.end(text);
      return;
    case 'cut':
      sendHalf(exchange, text, headers);
      destroyConnection(exchange, 'close');
      return;
    case 'stall':
      sendHalf(exchange, text, headers);
      return;
    case 'malformed-chunk':
      sendAnthropicBody(exchange, 200, text.slice(0, Math.floor(text.length / 2)), headers);
      return;
    case 'stream-error': {
      const error = step.error ?? DEFAULT_STREAM_ERROR;
      sendAnthropicBody(exchange, ANTHROPIC_ERROR_STATUS[error.type] ?? 500, anthropicErrorBody(error.type, error.message, exchange.requestId));
      return;
    }
  }
}
