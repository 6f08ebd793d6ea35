/**
 * What the playback engine needs to know of a vendor's wire: how its JSON and SSE responses
 * look. Each fake server (OpenAI, Anthropic, Gemini) has one; the engine (`fake-exchange.ts`,
 * `fake-step-player.ts`, `fake-answer-player.ts`) plays every scripted step through it.
 */
export interface FakeWireFormat {
  /** `content-type` of JSON answers. */
  readonly jsonContentType: string;
  /** Headers of an SSE answer (content type, cache control). */
  readonly sseHeaders: Readonly<Record<string, string>>;
  /** Headers every response carries (request ids, server identity). */
  baseHeaders(requestId: string): Record<string, string>;
  /** Serialises a JSON body the way the vendor does (strings are sent as they are). */
  json(body: unknown): string;
  /** The SSE frame a `malformed-chunk` step sends: an event whose data is not JSON. */
  readonly malformedFrame: string;
}

/** One SSE event of a streamed answer, already encoded for the wire. */
export interface FakeStreamFrame {
  /** The encoded event text (`data: ...\n\n`, or with an `event:` line). */
  readonly text: string;
  /** An answer piece: `afterChunks` counts these, and `chunkDelayMs` paces them. */
  readonly piece?: boolean;
  /** The first event after the pieces: a break that no piece reached comes before it. */
  readonly tail?: boolean;
  /** Not counted in `chunksSent` (OpenAI's `[DONE]`). */
  readonly uncounted?: boolean;
  /** Left out when the step is of this kind (e.g. `missing-done` leaves out `[DONE]`). */
  readonly omittedBy?: string;
}

/** What an endpoint answers for a step's answer fields: a JSON body, or the frames of a stream. */
export type FakeWirePayload = { readonly type: 'json'; readonly body: unknown } | { readonly type: 'stream'; readonly frames: readonly FakeStreamFrame[] };

/** What the engine reads of any vendor's step. */
export interface FakeStepShape {
  readonly kind: string;
  /** Wait before answering (for `slow-first-token`: after the headers). */
  readonly delayMs?: number;
  /** Wait between answer pieces. */
  readonly chunkDelayMs?: number;
  /** For the breaking steps: pieces sent before the break. */
  readonly afterChunks?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The `status` step every wire has: a plain HTTP error, with the vendor's body unless one is given. */
export interface FakeStatusShape extends FakeStepShape {
  readonly kind: 'status';
  readonly status: number;
  readonly body?: unknown;
}

/** What a `stream-error` step sends: the event in a stream, or the error response to a JSON request. */
export interface FakeStreamFailure {
  readonly frame: string;
  readonly status: number;
  readonly body: unknown;
}
