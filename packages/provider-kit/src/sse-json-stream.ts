import { ProviderError, type ProviderCall } from '@modelmesh/provider';
import { safeExcerpt } from './error-message.js';
import { pieceSource } from './piece-source.js';
import { NEED_PIECE, QueueIterator, type QueueStep } from './queue-iterator.js';
import { SseEventQueue } from './sse-event-queue.js';
import type { ReadSseOptions, SseSource } from './sse-reader.js';

/** A server-sent event whose data was JSON. */
export interface SseJsonEvent {
  /** The `event:` field, undefined for plain `data:` events. */
  event: string | undefined;
  /** The parsed data. Narrow it before use. */
  data: unknown;
}

/** What a stream does with events whose data is not JSON. */
export interface MalformedEventPolicy {
  /**
   * Malformed events skipped in one stream; one more makes the stream broken (a
   * `malformed_response` ProviderError, which the router treats as an interrupted stream).
   * Default {@link DEFAULT_MAX_MALFORMED_EVENTS}; 0 fails on the first.
   */
  limit?: number;
  /** Called for each skipped event: how many so far in this stream, and a redacted excerpt. */
  onSkip?(skipped: { count: number; excerpt: string }): void;
}

/** The malformed-event policy a call asks for (`call.maxMalformedEvents`, `call.reportMalformedEvent`). */
export function malformedEventsOf(call: Pick<ProviderCall, 'maxMalformedEvents' | 'reportMalformedEvent'>): MalformedEventPolicy {
  const policy: MalformedEventPolicy = {};
  if (call.maxMalformedEvents !== undefined) policy.limit = call.maxMalformedEvents;
  if (call.reportMalformedEvent !== undefined) policy.onSkip = call.reportMalformedEvent.bind(call);
  return policy;
}

/** Malformed events a stream survives by default. */
export const DEFAULT_MAX_MALFORMED_EVENTS = 3;

/** How long a stream whose answer is whole waits for its end marker (`[DONE]`, or the body's end), in ms. */
export const FINISHED_TAIL_MS = 500;
/** How long a stream whose every choice finished waits for what may still follow (the usage event), in ms. */
export const COMPLETE_TAIL_MS = 2_000;

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
  /**
   * True once nothing but the end marker is still expected (the answer finished and its usage
   * came). Then the stream waits at most 500 ms for the marker and ends as
   * complete without it; while only `completeWithoutEnd` holds, it waits 2 s.
   * A body that breaks off in either state also ends as complete: the answer is whole.
   */
  finished?: () => boolean;
  /** Events whose data is not JSON: skipped up to a limit (see {@link MalformedEventPolicy}). */
  malformedEvents?: MalformedEventPolicy;
  /** Values masked in error messages. */
  secrets?: readonly string[];
}

/**
 * Reads an SSE stream of JSON events, yielding each as soon as it is complete. It stops at
 * `[DONE]` (and releases the connection) and throws a `connection_error` when the body ends
 * without it, unless what arrived is complete (`completeWithoutEnd`). An event whose data is
 * not JSON is skipped (reported through `malformedEvents.onSkip`); more than
 * `malformedEvents.limit` of them make the stream a `malformed_response`. Once the answer is
 * whole, a missing `[DONE]` costs at most a short tail wait, not the idle timeout. Empty
 * `data:` events (keep-alives some servers send) are skipped. Events come straight off the
 * parser's queue: a piece of the body costs one promise step, however the reading is layered.
 */
export function readSseJson(source: SseSource, options: ReadSseJsonOptions): AsyncIterableIterator<SseJsonEvent> {
  const queue = new SseEventQueue(pieceSource(source), options);
  const doneMarker = options.doneMarker === undefined ? '[DONE]' : options.doneMarker;
  const limit = options.malformedEvents?.limit ?? DEFAULT_MAX_MALFORMED_EVENTS;
  let malformed = 0;
  /** A final event was handed out: the next call ends the stream. */
  let finalSeen = false;
  return new QueueIterator(queue, (): QueueStep<SseJsonEvent> => {
    if (finalSeen) return releasedEnd(queue);
    for (;;) {
      const raw = queue.take();
      if (raw === undefined) {
        if (!queue.done) {
          if (queue.pullReady()) continue;
          const tailMs = (options.finished?.() ?? false) ? FINISHED_TAIL_MS : (options.completeWithoutEnd?.() ?? false) ? COMPLETE_TAIL_MS : undefined;
          if (tailMs === undefined) return NEED_PIECE;
          return pullWithin(queue, tailMs).then((arrived) => arrived || releasedEnd(queue));
        }
        if ((options.requireEnd ?? true) && !(options.completeWithoutEnd?.() ?? false)) throw endedEarly(options, doneMarker);
        return undefined;
      }
      const { event, data } = raw;
      const text = data.trim();
      if (doneMarker !== null && text === doneMarker) return releasedEnd(queue);
      if (text === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(data) as unknown;
      } catch (cause) {
        malformed++;
        const excerpt = safeExcerpt(data, options.secrets, 200);
        if (malformed > limit) throw malformedStream(options, malformed, excerpt, cause);
        options.malformedEvents?.onSkip?.({ count: malformed, excerpt });
        continue;
      }
      const item: SseJsonEvent = { event, data: parsed };
      if (options.isFinal?.(item)) finalSeen = true;
      return item;
    }
  });
}

/** Releases the source, then ends the stream (a step's `false`). */
function releasedEnd(queue: SseEventQueue): Promise<boolean> {
  return queue.release().then(() => false);
}

/**
 * Reads the next piece within `ms`: false when nothing came in time, or when the body broke
 * off or the piece broke the stream (the caller only asks once the answer is whole, so a cut
 * tail loses nothing).
 */
function pullWithin(queue: SseEventQueue, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    queue.wait().then(
      (read) => {
        clearTimeout(timer);
        try {
          queue.accept(read);
          resolve(true);
        } catch {
          resolve(false);
        }
      },
      (error: unknown) => {
        clearTimeout(timer);
        try {
          queue.reject(error);
        } catch {
          resolve(false);
        }
      },
    );
  });
}

function malformedStream(options: ReadSseJsonOptions, count: number, excerpt: string, cause: unknown): ProviderError {
  return new ProviderError({
    providerId: options.providerId,
    modelId: options.modelId,
    code: 'malformed_response',
    message: `Provider "${options.providerId}" sent ${count} stream events that are not JSON (the stream is broken); the last: ${excerpt}`,
    details: { malformedEvents: count },
    cause,
  });
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
