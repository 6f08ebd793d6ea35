import type { FakeRequestRecord } from './fake-request-log.js';

/** Why the fake model stopped, as OpenAI names it. */
export type FakeFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** A tool call a fake answer makes. */
export interface FakeToolCall {
  /** Tool call id; default `call_<request>_<n>`. */
  readonly id?: string;
  /** Function name. */
  readonly name: string;
  /** Arguments: a JSON string sent as is, or an object that is serialised. */
  readonly arguments: string | Readonly<Record<string, unknown>>;
}

/** Token counts to report; missing fields are derived (~4 characters a token, total = prompt + completion). */
export interface FakeUsage {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
  readonly total_tokens?: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number; readonly audio_tokens?: number };
  readonly completion_tokens_details?: {
    readonly reasoning_tokens?: number;
    readonly audio_tokens?: number;
    readonly accepted_prediction_tokens?: number;
    readonly rejected_prediction_tokens?: number;
  };
}

/** Settings every step accepts. */
export interface FakeStepTiming {
  /** Milliseconds to wait before the response starts (before the status line is sent). */
  readonly delayMs?: number;
}

/**
 * What an answer says. Shared by `ok` and by the stream steps that deliver part of an answer
 * before they misbehave, so a cut stream carries recognisable text.
 */
export interface FakeAnswer {
  /** Answer text; default `Echo: <last user message>` (or `null` when `toolCalls` are given). */
  readonly content?: string | null;
  /** Stream pieces; default the content split after each whitespace run. JSON answers join them when `content` is not given. */
  readonly chunks?: readonly string[];
  /** Milliseconds between two stream pieces (content and tool-call pieces). */
  readonly chunkDelayMs?: number;
  /** Tool calls; in a stream each sends a header delta (id, name) and then its arguments in three pieces. */
  readonly toolCalls?: readonly FakeToolCall[];
  /** Default `'tool_calls'` when there are tool calls, else `'stop'`. */
  readonly finishReason?: FakeFinishReason;
  /** Usage to report (merged over derived counts); `null` leaves usage out of the answer entirely. */
  readonly usage?: FakeUsage | null;
  /** Model the answer names; default the requested model. */
  readonly model?: string;
  /** Extra response headers (merged over the default `x-ratelimit-*` and `x-request-id` headers). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A normal answer: chat JSON or SSE (by the request's `stream`), embeddings or the model list by endpoint. */
export interface FakeOkStep extends FakeStepTiming, FakeAnswer {
  readonly kind: 'ok';
}

/**
 * An HTTP status. `body` defaults to OpenAI's error shape `{ error: { message, type, param, code } }`
 * with the message OpenAI sends for that status (502 answers an HTML page, as a gateway does);
 * a string body is sent as is, anything else as JSON. A 2xx status with a string body is how to
 * send a malformed JSON answer.
 */
export interface FakeStatusStep extends FakeStepTiming {
  readonly kind: 'status';
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** 400 with code `context_length_exceeded` and OpenAI's message. */
export interface FakeContextLengthStep extends FakeStepTiming {
  readonly kind: 'context-length';
}

/** 400 with code `content_filter`, as Azure OpenAI sends it when its content policy blocks the prompt. */
export interface FakeContentFilterStep extends FakeStepTiming {
  readonly kind: 'content-filter';
}

/** The request is accepted and never answered; the socket stays open until the client gives up or the server closes. */
export interface FakeTimeoutStep extends FakeStepTiming {
  readonly kind: 'timeout';
}

/** The socket is reset (TCP RST) without any HTTP response. */
export interface FakeResetStep extends FakeStepTiming {
  readonly kind: 'reset';
}

/**
 * Headers at once, the first data after `delayMs` (here `delayMs` is the wait AFTER the headers).
 * A JSON request gets its whole body after the wait.
 */
export interface FakeSlowFirstTokenStep extends FakeAnswer {
  readonly kind: 'slow-first-token';
  readonly delayMs: number;
}

/**
 * Stream steps that break after `afterChunks` answer pieces. The role chunk always goes first and
 * is not counted; pieces are the content pieces, then the tool-call pieces; the finish chunk is
 * never among them (a count above the number of pieces sends every piece, still without finish).
 */
export interface FakeBreakAfter extends FakeStepTiming, FakeAnswer {
  readonly afterChunks: number;
}

/** Stream: N pieces, then the socket is destroyed (no finish, no `[DONE]`). JSON: half the body, then destroyed. */
export interface FakeCutStep extends FakeBreakAfter {
  readonly kind: 'cut';
}

/** Stream: N pieces, then silence with the socket open. JSON: half the body, then silence. */
export interface FakeStallStep extends FakeBreakAfter {
  readonly kind: 'stall';
}

/**
 * Stream: N pieces, then a `data: {not json` event, then the rest of the stream as normal
 * (a provider that skips bad events would wrongly "succeed"). JSON: a 200 whose body is not JSON.
 */
export interface FakeMalformedChunkStep extends FakeBreakAfter {
  readonly kind: 'malformed-chunk';
}

/** Stream: every chunk including finish (and usage), then the response ends without `data: [DONE]`. JSON: a normal answer. */
export interface FakeMissingDoneStep extends FakeStepTiming, FakeAnswer {
  readonly kind: 'missing-done';
}

/** The error object of an in-stream error event. */
export interface FakeErrorObject {
  readonly message: string;
  readonly type?: string | null;
  readonly code?: string | null;
  readonly param?: string | null;
}

/**
 * Stream: N pieces, then `data: {"error":{...}}` as OpenAI-compatible servers send a failure that
 * happens after the 200, then the response ends. JSON: HTTP 500 with that error body.
 * `error` defaults to `{ message: 'The server had an error while processing your request.', type: 'server_error' }`.
 */
export interface FakeStreamErrorStep extends FakeBreakAfter {
  readonly kind: 'stream-error';
  readonly error?: FakeErrorObject;
}

/** One scripted behaviour of the fake server, taken by one request. */
export type FakeStep =
  | FakeOkStep
  | FakeStatusStep
  | FakeContextLengthStep
  | FakeContentFilterStep
  | FakeTimeoutStep
  | FakeResetStep
  | FakeSlowFirstTokenStep
  | FakeCutStep
  | FakeStallStep
  | FakeMalformedChunkStep
  | FakeMissingDoneStep
  | FakeStreamErrorStep;

/** The `kind` of a step. */
export type FakeStepKind = FakeStep['kind'];

/** What answers when no queued step is left: one step for every request, or a function of the request. */
export type FakeScript = FakeStep | ((request: FakeRequestRecord) => FakeStep);
