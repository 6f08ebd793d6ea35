import { destroyConnection, openStream, pause, sendBody, sendFrame, sendHalf, sendLate, type FakeExchange } from './fake-exchange.js';
import type { FakeStepShape, FakeStreamFailure, FakeStreamFrame, FakeWirePayload } from './fake-wire.js';

/** The step kinds that break an answer after `afterChunks` pieces. */
const BREAKING_KINDS: ReadonlySet<string> = new Set(['cut', 'stall', 'malformed-chunk', 'stream-error']);

/**
 * Plays an answer step: its payload as a stream or as one JSON body, with the step's failure
 * (`cut`, `stall`, `malformed-chunk`, `stream-error`, `slow-first-token`) acted out on that
 * form; the `missing-*` kinds leave out the frames marked for them. `failure` says what a
 * `stream-error` step sends on this wire.
 */
export async function playAnswer<S extends FakeStepShape>(
  exchange: FakeExchange,
  step: S,
  payload: FakeWirePayload,
  headers: Readonly<Record<string, string>>,
  failure: (step: S) => FakeStreamFailure,
): Promise<void> {
  if (payload.type === 'stream') await playStream(exchange, step, payload.frames, headers, failure);
  else await playJson(exchange, step, payload.body, headers, failure);
}

/** Plays a JSON answer; the stream failures get their JSON counterparts (a cut or stalled body, a malformed body, an error response). */
async function playJson<S extends FakeStepShape>(exchange: FakeExchange, step: S, body: unknown, headers: Readonly<Record<string, string>>, failure: (step: S) => FakeStreamFailure): Promise<void> {
  const text = exchange.wire.json(body);
  switch (step.kind) {
    case 'slow-first-token':
      return sendLate(exchange, text, headers, step.delayMs ?? 0);
    case 'cut':
      sendHalf(exchange, text, headers);
      destroyConnection(exchange, 'close');
      return;
    case 'stall':
      return sendHalf(exchange, text, headers);
    case 'malformed-chunk':
      return sendBody(exchange, 200, text.slice(0, Math.floor(text.length / 2)), headers);
    case 'stream-error': {
      const { status, body: errorBody } = failure(step);
      return sendBody(exchange, status, errorBody);
    }
    default:
      return sendBody(exchange, 200, text, headers);
  }
}

/** What happens at the break point; true when the stream goes on afterwards. */
function breakStream<S extends FakeStepShape>(exchange: FakeExchange, step: S, failure: (step: S) => FakeStreamFailure): boolean {
  switch (step.kind) {
    case 'cut':
      destroyConnection(exchange, 'close');
      return false;
    case 'malformed-chunk':
      // The rest of the stream follows, so a reader that skips the bad event would wrongly succeed.
      sendFrame(exchange, exchange.wire.malformedFrame);
      return true;
    case 'stream-error':
      sendFrame(exchange, failure(step).frame);
      exchange.res.end();
      return false;
    default:
      // A stall: nothing more is sent, and the connection stays open.
      return false;
  }
}

/**
 * Plays an answer as an SSE stream. A breaking step breaks before the piece that would exceed
 * `afterChunks`, or before the first tail frame when every piece went out.
 */
async function playStream<S extends FakeStepShape>(
  exchange: FakeExchange,
  step: S,
  frames: readonly FakeStreamFrame[],
  headers: Readonly<Record<string, string>>,
  failure: (step: S) => FakeStreamFailure,
): Promise<void> {
  openStream(exchange, headers);
  if (step.kind === 'slow-first-token' && !(await pause(exchange, step.delayMs))) return;
  const stopAt = BREAKING_KINDS.has(step.kind) ? Math.max(0, step.afterChunks ?? 0) : undefined;
  let pieces = 0;
  let broken = stopAt === undefined;
  for (const frame of frames) {
    if (!broken && ((frame.piece && pieces === stopAt) || frame.tail)) {
      broken = true;
      if (!breakStream(exchange, step, failure)) return;
    }
    if (frame.omittedBy === step.kind) continue;
    if (frame.piece) {
      if (pieces > 0 && !(await pause(exchange, step.chunkDelayMs))) return;
      pieces += 1;
    }
    sendFrame(exchange, frame.text, !frame.uncounted);
  }
  if (!broken && !breakStream(exchange, step, failure)) return;
  if (!exchange.closed.aborted) exchange.res.end();
}
