import { ProviderError } from '@modelmesh/provider';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import type { PieceSource } from './piece-source.js';
import type { ReadSseOptions, SseEvent } from './sse-reader.js';
import { Utf8StreamDecoder } from './utf8-stream-decoder.js';

const DEFAULT_MAX_BUFFER = 8 * 1024 * 1024;

/**
 * The event parser over a body: events parsed so far wait in a queue that readers take from
 * synchronously. A reader takes pieces already received with {@link SseEventQueue.pullReady}
 * and otherwise waits on {@link SseEventQueue.wait} and hands the result to
 * {@link SseEventQueue.accept} (or {@link SseEventQueue.reject}) in its own handler, so no
 * async frame is suspended while the stream waits. `release()` closes the source once.
 */
export class SseEventQueue {
  private readonly events: SseEvent[] = [];
  private head = 0;
  private readonly parser: EventSourceParser;
  private readonly decoder = new Utf8StreamDecoder();
  private failure: ProviderError | undefined;
  private ended = false;
  private released = false;
  /** The text fed last ended with a CR (see {@link SseEventQueue.consume}). */
  private endsWithCr = false;

  constructor(
    private readonly source: PieceSource,
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

  /** Parses a piece already received (true), or says the reader must {@link SseEventQueue.wait} (false). */
  pullReady(): boolean {
    if (this.ended) return true;
    const next = this.source.nextReady();
    if (next === undefined) return false;
    this.consume(next);
    return true;
  }

  /** The next read of the body: hand its value to {@link SseEventQueue.accept}, its error to {@link SseEventQueue.reject}. */
  wait(): Promise<unknown> {
    return this.source.waitPiece();
  }

  /** Parses what a {@link SseEventQueue.wait} read; throws when the stream broke. */
  accept(read: unknown): void {
    if (this.ended) return;
    const next = this.source.settlePiece(read);
    if (next !== 'again') this.consume(next);
  }

  /** Throws what a failed {@link SseEventQueue.wait} means. */
  reject(error: unknown): never {
    throw this.source.pieceFailure(error);
  }

  /**
   * Parses the next piece of the body. At its end, flushes the decoder: an event not closed
   * by a blank line is dropped, as the SSE spec requires.
   */
  private consume(next: IteratorResult<Uint8Array | string, unknown>): void {
    if (next.done === true) {
      this.ended = true;
      const tail = this.decoder.end();
      this.parser.feed(tail);
      // The parser holds back a final CR in case an LF follows (CRLF); at the end none will, so
      // that CR ends its line. Feeding the LF completes the CRLF without adding a line end.
      if (tail !== '' ? tail.endsWith('\r') : this.endsWithCr) this.parser.feed('\n');
      return;
    }
    const piece = next.value;
    const text = typeof piece === 'string' ? piece : this.decoder.decode(piece);
    if (text !== '') this.endsWithCr = text.charCodeAt(text.length - 1) === 13;
    this.parser.feed(text);
    if (this.failure) throw this.failure;
  }

  /** Closes the source (once): the rest of the body is not read and the connection is released. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.ended = true;
    await this.source.return();
  }
}
