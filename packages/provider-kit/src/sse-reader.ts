import { ProviderError } from '@modelmesh/core';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { releasing } from './releasing-iterator.js';

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
  const iterator = source[Symbol.asyncIterator]();
  return releasing(parseEvents(iterator, options), iterator);
}

async function* parseEvents(source: AsyncIterator<Uint8Array | string>, options: ReadSseOptions): AsyncGenerator<SseEvent, void, undefined> {
  const pending: SseEvent[] = [];
  let failure: ProviderError | undefined;
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => pending.push({ event: message.event, id: message.id, data: message.data }),
    onComment: options.onComment,
    onError: (error) => {
      // Unknown fields and bad `retry:` values are ignored, as the SSE spec says; only an
      // event too large to buffer is fatal.
      if (error.type === 'max-buffer-size-exceeded') {
        failure = new ProviderError({
          providerId: options.providerId,
          modelId: options.modelId,
          code: 'malformed_response',
          message: `Provider "${options.providerId}" sent a stream event larger than ${options.maxBufferSize ?? DEFAULT_MAX_BUFFER} characters`,
        });
      }
    },
    maxBufferSize: options.maxBufferSize ?? DEFAULT_MAX_BUFFER,
  });
  const decoder = new TextDecoder();
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    const chunk = next.value;
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    while (pending.length > 0) yield pending.shift() as SseEvent;
  }
  // An event not closed by a blank line before the end is dropped, as the SSE spec requires.
  parser.feed(decoder.decode());
  while (pending.length > 0) yield pending.shift() as SseEvent;
}

const DEFAULT_MAX_BUFFER = 8 * 1024 * 1024;
