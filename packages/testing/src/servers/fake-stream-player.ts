import type { ChatStreamEvents } from './fake-chat-chunks.js';
import { destroyConnection, openStream, pause, sendEvent, type FakeExchange } from './fake-exchange.js';
import type { FakeAnswerStep } from './fake-json-player.js';
import { SSE_DONE } from './sse-encode.js';

/** The text of the malformed event: the start of a JSON object that never closes. */
export const MALFORMED_EVENT = '{not json';

const DEFAULT_STREAM_ERROR = { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null };

/** Where a misbehaving step breaks the stream: after this many pieces (undefined: never). */
function breakPoint(step: FakeAnswerStep, pieces: number): number | undefined {
  if (step.kind === 'cut' || step.kind === 'stall' || step.kind === 'malformed-chunk' || step.kind === 'stream-error') {
    return Math.max(0, Math.min(step.afterChunks, pieces));
  }
  return undefined;
}

/**
 * What happens at the break point; true when the stream goes on afterwards. A malformed event
 * is followed by the rest of the stream, so a reader that skips it would wrongly succeed.
 */
function breakStream(exchange: FakeExchange, step: FakeAnswerStep): boolean {
  switch (step.kind) {
    case 'cut':
      destroyConnection(exchange, 'close');
      return false;
    case 'stall':
      return false;
    case 'malformed-chunk':
      sendEvent(exchange, MALFORMED_EVENT);
      return true;
    case 'stream-error':
      sendEvent(exchange, { error: { ...DEFAULT_STREAM_ERROR, ...step.error } });
      exchange.res.end();
      return false;
    default:
      return true;
  }
}

/** Plays an answer step as an SSE stream: role, pieces (with the step's break), finish, usage, `[DONE]`. */
export async function playStream(exchange: FakeExchange, step: FakeAnswerStep, events: ChatStreamEvents, headers: Readonly<Record<string, string>>): Promise<void> {
  openStream(exchange, headers);
  if (step.kind === 'slow-first-token' && !(await pause(exchange, step.delayMs))) return;
  sendEvent(exchange, events.role);
  const stopAt = breakPoint(step, events.pieces.length);
  for (const [index, piece] of events.pieces.entries()) {
    if (index === stopAt && !breakStream(exchange, step)) return;
    if (index > 0 && !(await pause(exchange, step.chunkDelayMs))) return;
    sendEvent(exchange, piece);
  }
  if (stopAt === events.pieces.length && !breakStream(exchange, step)) return;
  sendEvent(exchange, events.finish);
  if (events.usage) sendEvent(exchange, events.usage);
  if (step.kind !== 'missing-done' && !exchange.closed.aborted) exchange.res.write(SSE_DONE);
  exchange.res.end();
}
