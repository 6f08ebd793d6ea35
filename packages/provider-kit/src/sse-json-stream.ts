import { ProviderError } from '@modelmesh/provider';
import { safeExcerpt } from './error-message.js';
import { iterateQueue, SseEventQueue, type ReadSseOptions, type SseSource } from './sse-reader.js';

/** A server-sent event whose data was JSON. */
export interface SseJsonEvent {
  /** The `event:` field, undefined for plain `data:` events. */
  event: string | undefined;
  /** The parsed data. Narrow it before use. */
  data: unknown;
}

/** Options of {@link readSseJson}. */
export interface ReadSseJsonOptions extends ReadSseOptions {
  /** The data that ends the stream and is not yielded; `[DONE]` (OpenAI wire) by default, `null` for none. */
  doneMarker?: string | null;
  /** True for an event that ends the stream after being yielded (e.g. Anthropic's `message_stop`). */
  isFinal?: (event: SseJsonEvent) => boolean;
  /**
   * Whether the body ending before the done marker or a final event is an error (a
   * `connection_error`, since a cut connection looks exactly like this). Default true:
   * a truncated stream must never pass for a complete one.
   */
  requireEnd?: boolean;
  /**
   * Consulted when the body ends without the done marker (and `requireEnd` is on): return
   * true when what arrived is complete anyway (e.g. every choice finished and usage came),
   * for servers that omit `[DONE]`.
   */
  completeWithoutEnd?: () => boolean;
  /** Values masked in error messages. */
  secrets?: readonly string[];
}

/**
 * Reads an SSE stream of JSON events, yielding each as soon as it is complete. It stops at
 * `[DONE]` (and releases the connection), throws a `malformed_response` ProviderError for
 * data that is not JSON, and a `connection_error` when the body ends without `[DONE]`.
 * Empty `data:` events (keep-alives some servers send) are skipped. Events come straight
 * off the parser's queue: one async step per event, however the reading is layered.
 */
export function readSseJson(source: SseSource, options: ReadSseJsonOptions): AsyncIterableIterator<SseJsonEvent> {
  const queue = new SseEventQueue(source[Symbol.asyncIterator](), options);
  const doneMarker = options.doneMarker === undefined ? '[DONE]' : options.doneMarker;
  /** A final event was handed out: the next call ends the stream. */
  let finalSeen = false;
  return iterateQueue(queue, async () => {
    if (finalSeen) {
      await queue.release();
      return undefined;
    }
    for (;;) {
      const raw = queue.take();
      if (raw === undefined) {
        if (!queue.done) {
          await queue.pull();
          continue;
        }
        if ((options.requireEnd ?? true) && !(options.completeWithoutEnd?.() ?? false)) throw endedEarly(options, doneMarker);
        return undefined;
      }
      const { event, data } = raw;
      const text = data.trim();
      if (doneMarker !== null && text === doneMarker) {
        await queue.release();
        return undefined;
      }
      if (text === '') continue;
      const item: SseJsonEvent = { event, data: parseEventData(data, options) };
      if (options.isFinal?.(item)) finalSeen = true;
      return item;
    }
  });
}

function parseEventData(data: string, options: ReadSseJsonOptions): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch (cause) {
    throw new ProviderError({
      providerId: options.providerId,
      modelId: options.modelId,
      code: 'malformed_response',
      message: `Provider "${options.providerId}" sent a stream event that is not JSON: ${safeExcerpt(data, options.secrets, 200)}`,
      cause,
    });
  }
}

function endedEarly(options: ReadSseJsonOptions, doneMarker: string | null): ProviderError {
  return new ProviderError({
    providerId: options.providerId,
    modelId: options.modelId,
    code: 'connection_error',
    retryable: true,
    message: `Stream from "${options.providerId}" ended without ${doneMarker === null ? 'its final event' : doneMarker}`,
  });
}
