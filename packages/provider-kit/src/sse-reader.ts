import { pieceSource } from './piece-source.js';
import { NEED_PIECE, QueueIterator } from './queue-iterator.js';
import { SseEventQueue } from './sse-event-queue.js';

/** One server-sent event. */
export interface SseEvent {
  /** The `event:` field, undefined for plain `data:` events. */
  event: string | undefined;
  /** The `id:` field, if any. */
  id: string | undefined;
  /** The data lines of the event, joined with `\n`. */
  data: string;
}

/** Options of {@link readSse}. */
export interface ReadSseOptions {
  /** Provider instance id, for errors. */
  providerId: string;
  /** Model id, for errors. */
  modelId?: string;
  /** Called with each comment line (`: keep-alive`), e.g. to count heartbeats. */
  onComment?: (comment: string) => void;
  /** Largest partial event buffered, in characters, before the stream counts as malformed. Default 8 MiB. */
  maxBufferSize?: number;
}

/** A source the SSE reader accepts: body bytes (a response's `chunks()`) or already decoded text. */
export type SseSource = AsyncIterable<Uint8Array | string>;

/**
 * Parses a server-sent event stream as it arrives (nothing is buffered beyond the event
 * being assembled), with eventsource-parser: comments, multi-line `data:`, CR, LF and
 * CRLF line ends, and chunks split anywhere (even inside a UTF-8 character) are handled.
 * Stopping the iteration early closes the source (`return()`), which releases the connection.
 */
export function readSse(source: SseSource, options: ReadSseOptions): AsyncIterableIterator<SseEvent> {
  const queue = new SseEventQueue(pieceSource(source), options);
  return new QueueIterator(queue, () => {
    for (;;) {
      const event = queue.take();
      if (event !== undefined || queue.done) return event;
      if (!queue.pullReady()) return NEED_PIECE;
    }
  });
}
