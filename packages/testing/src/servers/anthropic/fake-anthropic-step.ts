import type { FakeRequestRecord } from '../fake-request-log.js';

/** Why the fake Claude stopped, as the Messages API names it. */
export type FakeAnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

/** A `tool_use` block a fake answer makes. */
export interface FakeAnthropicToolUse {
  /** Block id; default `toolu_fake<request>_<n>`. */
  readonly id?: string;
  /** Tool name. */
  readonly name: string;
  /** The tool input: an object (serialised), or raw JSON text sent as the `input_json_delta` pieces. */
  readonly input: Readonly<Record<string, unknown>> | string;
}

/** Token counts to report; missing fields are derived (~4 characters a token, no cache). */
export interface FakeAnthropicUsage {
  readonly input_tokens?: number;
  readonly output_tokens?: number;
  readonly cache_creation_input_tokens?: number;
  readonly cache_read_input_tokens?: number;
}

/** Settings every step accepts. */
export interface FakeAnthropicStepTiming {
  /** Milliseconds to wait before the response starts (before the status line is sent). */
  readonly delayMs?: number;
}

/**
 * What an answer says. Shared by `ok` and by the stream steps that deliver part of an answer
 * before they misbehave, so a cut stream carries recognisable text.
 */
export interface FakeAnthropicAnswer {
  /** Text of the answer; default `Echo: <last user text>` (none when `toolUses` are given). `''` or `null`: no text block. */
  readonly content?: string | null;
  /** Stream pieces of the text (`text_delta`s); default the text split after each whitespace run. */
  readonly chunks?: readonly string[];
  /** Milliseconds between two stream pieces (text deltas and tool pieces). */
  readonly chunkDelayMs?: number;
  /** `tool_use` blocks after the text; in a stream each sends its input in three `input_json_delta` pieces. */
  readonly toolUses?: readonly FakeAnthropicToolUse[];
  /** Default `tool_use` when there are tool uses, else `end_turn`. */
  readonly stopReason?: FakeAnthropicStopReason;
  /** The `stop_sequence` reported with `stop_reason: 'stop_sequence'`; default the request's first stop sequence. */
  readonly stopSequence?: string | null;
  /** Usage (merged over derived counts); `null` reports zeros for everything. */
  readonly usage?: FakeAnthropicUsage | null;
  /** Model the answer names; default the requested model. */
  readonly model?: string;
  /** Extra response headers (merged over the default `anthropic-ratelimit-*` and `request-id` headers). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Send a `ping` event after the first content block starts, as the API does (default true). */
  readonly ping?: boolean;
}

/** A normal answer: a Message as JSON, or its SSE events when the request says `stream: true`. */
export interface FakeAnthropicOkStep extends FakeAnthropicStepTiming, FakeAnthropicAnswer {
  readonly kind: 'ok';
}

/**
 * An HTTP status. `body` defaults to Anthropic's error body for the status
 * (`{ type: 'error', error: { type, message }, request_id }`); a string body is sent as is,
 * anything else as JSON. A 2xx status with a string body is how to send a malformed JSON answer.
 */
export interface FakeAnthropicStatusStep extends FakeAnthropicStepTiming {
  readonly kind: 'status';
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** 400 `invalid_request_error` "prompt is too long: N tokens > M maximum". */
export interface FakeAnthropicContextLengthStep extends FakeAnthropicStepTiming {
  readonly kind: 'context-length';
  /** Tokens the prompt had; default 210 000. */
  readonly promptTokens?: number;
  /** The model's window; default 200 000. */
  readonly contextWindow?: number;
}

/** 529 `overloaded_error`, as the API answers when it is overloaded. */
export interface FakeAnthropicOverloadedStep extends FakeAnthropicStepTiming {
  readonly kind: 'overloaded';
  readonly headers?: Readonly<Record<string, string>>;
}

/** The request is accepted and never answered; the socket stays open until the client gives up or the server closes. */
export interface FakeAnthropicTimeoutStep extends FakeAnthropicStepTiming {
  readonly kind: 'timeout';
}

/** The socket is reset (TCP RST) without any HTTP response. */
export interface FakeAnthropicResetStep extends FakeAnthropicStepTiming {
  readonly kind: 'reset';
}

/** Headers at once, the first event after `delayMs` (here `delayMs` is the wait AFTER the headers). */
export interface FakeAnthropicSlowFirstTokenStep extends FakeAnthropicAnswer {
  readonly kind: 'slow-first-token';
  readonly delayMs: number;
}

/**
 * Stream steps that break after `afterChunks` answer pieces. `message_start` always goes first
 * and is not counted; pieces are the `text_delta`s, then per tool use its `content_block_start`
 * and its `input_json_delta` pieces. `message_delta` (the stop reason) is never among them: a count
 * above the number of pieces sends every piece, still without the stop reason.
 */
export interface FakeAnthropicBreakAfter extends FakeAnthropicStepTiming, FakeAnthropicAnswer {
  readonly afterChunks: number;
}

/** Stream: N pieces, then the socket is destroyed (no `message_delta`, no `message_stop`). JSON: half the body, then destroyed. */
export interface FakeAnthropicCutStep extends FakeAnthropicBreakAfter {
  readonly kind: 'cut';
}

/** Stream: N pieces, then silence with the socket open. JSON: half the body, then silence. */
export interface FakeAnthropicStallStep extends FakeAnthropicBreakAfter {
  readonly kind: 'stall';
}

/** Stream: N pieces, an event whose data is `{not json`, then the rest of the stream. JSON: a 200 whose body is not JSON. */
export interface FakeAnthropicMalformedChunkStep extends FakeAnthropicBreakAfter {
  readonly kind: 'malformed-chunk';
}

/** Stream: every event including `message_delta`, but no `message_stop`. JSON: a normal answer. */
export interface FakeAnthropicMissingStopStep extends FakeAnthropicStepTiming, FakeAnthropicAnswer {
  readonly kind: 'missing-stop';
}

/** The error object of an `error` event or error body. */
export interface FakeAnthropicError {
  /** Anthropic's error type, e.g. `overloaded_error`, `api_error`, `rate_limit_error`. */
  readonly type: string;
  readonly message: string;
}

/**
 * Stream: N pieces (0: before any content), then `event: error` with
 * `{ type: 'error', error: { type, message } }`, then the response ends, as the API reports a
 * failure after the 200. JSON: the HTTP status of that error type (529 for `overloaded_error`)
 * with the error body. `error` defaults to `{ type: 'overloaded_error', message: 'Overloaded' }`.
 */
export interface FakeAnthropicStreamErrorStep extends FakeAnthropicBreakAfter {
  readonly kind: 'stream-error';
  readonly error?: FakeAnthropicError;
}

/** One scripted behaviour of the fake Anthropic server, taken by one request. */
export type FakeAnthropicStep =
  | FakeAnthropicOkStep
  | FakeAnthropicStatusStep
  | FakeAnthropicContextLengthStep
  | FakeAnthropicOverloadedStep
  | FakeAnthropicTimeoutStep
  | FakeAnthropicResetStep
  | FakeAnthropicSlowFirstTokenStep
  | FakeAnthropicCutStep
  | FakeAnthropicStallStep
  | FakeAnthropicMalformedChunkStep
  | FakeAnthropicMissingStopStep
  | FakeAnthropicStreamErrorStep;

/** The `kind` of an Anthropic step. */
export type FakeAnthropicStepKind = FakeAnthropicStep['kind'];

/** The steps that carry an answer (all but the plain failures). */
export type FakeAnthropicAnswerStep = Extract<FakeAnthropicStep, { kind: 'ok' | 'slow-first-token' | 'cut' | 'stall' | 'malformed-chunk' | 'missing-stop' | 'stream-error' }>;

/** One request the fake Anthropic server received: the fake OpenAI server's record, with the Anthropic step that answered. */
export type FakeAnthropicRequestRecord = Omit<FakeRequestRecord, 'step'> & {
  /** The step that answered; undefined for requests refused before scripting (auth, version, validation, unknown route or model). */
  readonly step: FakeAnthropicStep | undefined;
};

/** What answers when no queued step is left: one step for every request, or a function of the request. */
export type FakeAnthropicScript = FakeAnthropicStep | ((request: FakeAnthropicRequestRecord) => FakeAnthropicStep);
