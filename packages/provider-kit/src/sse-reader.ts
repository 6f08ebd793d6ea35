import { ProviderError } from '@modelmesh/provider';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

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

/** A source iterator that may also hand over a piece already received, without waiting (the body iterator does). */
type PieceIterator = AsyncIterator<Uint8Array | string> & { nextReady?(): IteratorResult<Uint8Array | string> | undefined };

const DEFAULT_MAX_BUFFER = 8 * 1024 * 1024;

/**
 * The event parser over a body: events parsed so far wait in a queue that readers take from
 * synchronously, and {@link SseEventQueue.pull} reads the next piece of the body. Stacked
 * readers (events, then JSON events) share one queue instead of each adding an async layer
 * per event. `release()` closes the source once, whoever calls it.
 */
export class SseEventQueue {
  private readonly events: SseEvent[] = [];
  private head = 0;
  private readonly parser: EventSourceParser;
  private readonly decoder = new TextDecoder();
  private failure: ProviderError | undefined;
  private ended = false;
  private released = false;
  /** The text fed last ended with a CR (see {@link SseEventQueue.pull}). */
  private endsWithCr = false;

  constructor(
    private readonly source: PieceIterator,
    options: ReadSseOptions,
  ) {
    this.parser = createParser({
      onEvent: (message: EventSourceMessage) => this.events.push({ event: message.event, id: message.id, data: message.data }),
      onComment: options.onComment,
      onError: (error) => {
        // Unknown fields and bad `retry:` values are ignored, as the SSE spec says; only an
        // event too large to buffer is fatal.
        if (error.type === 'max-buffer-size-exceeded') {
          this.failure = new ProviderError({
            providerId: options.providerId,
            modelId: options.modelId,
            code: 'malformed_response',
            message: `Provider "${options.providerId}" sent a stream event larger than ${options.maxBufferSize ?? DEFAULT_MAX_BUFFER} characters`,
          });
        }
      },
      maxBufferSize: options.maxBufferSize ?? DEFAULT_MAX_BUFFER,
    });
  }

  /** The next event already parsed, if any. */
  take(): SseEvent | undefined {
    if (this.head === this.events.length) return undefined;
    const event = this.events[this.head++];
    if (this.head === this.events.length) {
      this.events.length = 0;
      this.head = 0;
    }
    return event;
  }

  /** True once the body has ended (events may still wait in the queue). */
  get done(): boolean {
    return this.ended;
  }

  /**
   * Reads and parses the next piece of the body (taking one already received without
   * waiting). At the end of the body, flushes the decoder: an event not closed by a blank
   * line is dropped, as the SSE spec requires.
   */
  async pull(): Promise<void> {
    if (this.ended) return;
    const next = this.source.nextReady?.() ?? (await this.source.next());
    if (next.done) {
      this.ended = true;
      const tail = this.decoder.decode();
      this.parser.feed(tail);
      // The parser holds back a final CR in case an LF follows (CRLF); at the end none will, so
      // that CR ends its line. Feeding the LF completes the CRLF without adding a line end.
      if (tail !== '' ? tail.endsWith('\r') : this.endsWithCr) this.parser.feed('\n');
      return;
    }
    const piece = next.value;
    const text = typeof piece === 'string' ? piece : this.decoder.decode(piece, { stream: true });
    if (text !== '') this.endsWithCr = text.charCodeAt(text.length - 1) === 13;
    this.parser.feed(text);
    if (this.failure) throw this.failure;
  }

  /** Closes the source (once): the rest of the body is not read and the connection is released. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.ended = true;
    await this.source.return?.();
  }
}

/**
 * Parses a server-sent event stream as it arrives (nothing is buffered beyond the event
 * being assembled), with eventsource-parser: comments, multi-line `data:`, CR, LF and
 * CRLF line ends, and chunks split anywhere (even inside a UTF-8 character) are handled.
 * Stopping the iteration early closes the source (`return()`), which releases the connection.
 */
export function readSse(source: SseSource, options: ReadSseOptions): AsyncIterableIterator<SseEvent> {
  const queue = new SseEventQueue(source[Symbol.asyncIterator](), options);
  return iterateQueue(queue, async () => {
    for (;;) {
      const event = queue.take();
      if (event !== undefined || queue.done) return event;
      await queue.pull();
    }
  });
}

/**
 * An iterator over a queue: `nextItem` gives the next item, or undefined at the end. After
 * the end, a failure or `return()`, it is done; a failure or `return()` releases the source.
 */
export function iterateQueue<T>(queue: SseEventQueue, nextItem: () => Promise<T | undefined>): AsyncIterableIterator<T> {
  let finished = false;
  const end = (): IteratorResult<T, undefined> => {
    finished = true;
    return { done: true, value: undefined };
  };
  const fail = async (error: unknown): Promise<never> => {
    finished = true;
    await queue.release().catch(() => undefined);
    throw error;
  };
  // Made once per stream: an item costs one `then`, no async frame of its own.
  const onItem = (item: T | undefined): IteratorResult<T, undefined> => (item === undefined ? end() : { done: false, value: item });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next(): Promise<IteratorResult<T, undefined>> {
      if (finished) return Promise.resolve(end());
      try {
        return nextItem().then(onItem, fail);
      } catch (error) {
        return fail(error);
      }
    },
    async return(): Promise<IteratorResult<T, undefined>> {
      finished = true;
      await queue.release();
      return { done: true, value: undefined };
    },
  };
}
