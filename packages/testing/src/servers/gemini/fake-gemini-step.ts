import type { FakeGeminiRequestRecord } from './fake-gemini-log.js';

/** Why a fake candidate stopped, as Gemini names it. */
export type FakeGeminiFinishReason =
  | 'STOP'
  | 'MAX_TOKENS'
  | 'SAFETY'
  | 'RECITATION'
  | 'LANGUAGE'
  | 'OTHER'
  | 'BLOCKLIST'
  | 'PROHIBITED_CONTENT'
  | 'SPII'
  | 'MALFORMED_FUNCTION_CALL'
  | (string & {});

/** A function call a fake answer makes. */
export interface FakeFunctionCall {
  readonly name: string;
  /** Arguments (a JSON object); default `{}`. */
  readonly args?: Readonly<Record<string, unknown>>;
  /** `functionCall.id`, as newer models send it; left out by default (as Gemini 2.x does). */
  readonly id?: string;
  /** `thoughtSignature` sent beside the call, as thinking models do. */
  readonly thoughtSignature?: string;
}

/** `usageMetadata` to report; missing counts are derived (~4 characters a token; total = prompt + candidates + thoughts + tool use). */
export interface FakeGeminiUsage {
  readonly promptTokenCount?: number;
  readonly candidatesTokenCount?: number;
  readonly totalTokenCount?: number;
  readonly cachedContentTokenCount?: number;
  readonly thoughtsTokenCount?: number;
  readonly toolUsePromptTokenCount?: number;
}

/** A safety rating, as candidates and prompt feedback carry them. */
export interface FakeSafetyRating {
  readonly category: string;
  readonly probability: 'NEGLIGIBLE' | 'LOW' | 'MEDIUM' | 'HIGH' | (string & {});
  readonly blocked?: boolean;
}

/** Settings every step accepts. */
export interface FakeGeminiStepTiming {
  /** Milliseconds to wait before the response starts (before the status line is sent). */
  readonly delayMs?: number;
}

/**
 * What an answer says. Shared by `ok` and by the steps that deliver part of an answer before they
 * misbehave. A request with `generationConfig.candidateCount: n` gets n identical candidates.
 */
export interface FakeGeminiAnswer {
  /** Answer text; default `Echo: <last user text>` (no text when `functionCalls` are given). */
  readonly text?: string | null;
  /** Stream pieces (one event each); default the text split after each whitespace run. JSON answers join them when `text` is not given. */
  readonly chunks?: readonly string[];
  /** Milliseconds between two stream events. */
  readonly chunkDelayMs?: number;
  /** Function calls; in a stream they come together in one event after the text, as Gemini sends them. */
  readonly functionCalls?: readonly FakeFunctionCall[];
  /** Default `STOP` (also with function calls, as Gemini says). */
  readonly finishReason?: FakeGeminiFinishReason;
  /** Counts merged over the derived ones; `null` leaves `usageMetadata` out. */
  readonly usage?: FakeGeminiUsage | null;
  /** `modelVersion`; default the model of the URL. */
  readonly modelVersion?: string;
  /** `responseId`; default a fresh id, `null` leaves it out. */
  readonly responseId?: string | null;
  /** `safetyRatings` of the candidate; none by default (as Gemini 2.x sends for ordinary answers). */
  readonly safetyRatings?: readonly FakeSafetyRating[];
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A normal answer: `generateContent` JSON, `streamGenerateContent` SSE, embeddings or models by endpoint. */
export interface FakeGeminiOkStep extends FakeGeminiStepTiming, FakeGeminiAnswer {
  readonly kind: 'ok';
}

/**
 * An HTTP status. `body` defaults to Google's `{ error: { code, message, status } }` for that status
 * (an HTML page for 502); a string body is sent as is, anything else as JSON. A 200 with a string body
 * is how to send a malformed JSON answer.
 */
export interface FakeGeminiStatusStep extends FakeGeminiStepTiming {
  readonly kind: 'status';
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** The request is accepted and never answered. */
export interface FakeGeminiTimeoutStep extends FakeGeminiStepTiming {
  readonly kind: 'timeout';
}

/** The socket is reset (TCP RST) without any HTTP response. */
export interface FakeGeminiResetStep extends FakeGeminiStepTiming {
  readonly kind: 'reset';
}

/** Headers at once, the first event after `delayMs` (the wait AFTER the headers). JSON: the whole body after the wait. */
export interface FakeGeminiSlowFirstTokenStep extends FakeGeminiAnswer {
  readonly kind: 'slow-first-token';
  readonly delayMs: number;
}

/**
 * Stream steps that break after `afterChunks` events of the answer (text pieces, then the
 * function-call event); the final event (finish reason and full usage) is never among them.
 */
export interface FakeGeminiBreakAfter extends FakeGeminiStepTiming, FakeGeminiAnswer {
  readonly afterChunks: number;
}

/** Stream: N events, then the connection drops. JSON: half the body, then dropped. */
export interface FakeGeminiCutStep extends FakeGeminiBreakAfter {
  readonly kind: 'cut';
}

/** Stream: N events, then silence with the socket open. JSON: half the body, then silence. */
export interface FakeGeminiStallStep extends FakeGeminiBreakAfter {
  readonly kind: 'stall';
}

/** Stream: N events, a `data: {not json` event, then the rest. JSON: a 200 whose body is not JSON. */
export interface FakeGeminiMalformedChunkStep extends FakeGeminiBreakAfter {
  readonly kind: 'malformed-chunk';
}

/** Stream: every event but the final one (no finish reason, no full usage), then a clean end. JSON: a normal answer. */
export interface FakeGeminiMissingFinalStep extends FakeGeminiStepTiming, FakeGeminiAnswer {
  readonly kind: 'missing-final';
}

/** The error object of an in-stream error event. */
export interface FakeGeminiErrorObject {
  readonly code: number;
  readonly message: string;
  readonly status: string;
}

/**
 * Stream: N events, then `data: {"error": {...}}` and the end. JSON: that error as the HTTP answer.
 * `error` defaults to `{ code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' }`.
 */
export interface FakeGeminiStreamErrorStep extends FakeGeminiBreakAfter {
  readonly kind: 'stream-error';
  readonly error?: FakeGeminiErrorObject;
}

/**
 * The prompt is refused: HTTP 200 with `promptFeedback.blockReason` and no candidates (one SSE event
 * in a stream). `category` (default `HARM_CATEGORY_HARASSMENT`) is the rating marked `blocked`, unless
 * `blockReason` is not `SAFETY`, when no rating is blocked.
 */
export interface FakeGeminiPromptBlockedStep extends FakeGeminiStepTiming {
  readonly kind: 'prompt-blocked';
  /** Default `SAFETY`; also `OTHER`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `IMAGE_SAFETY`. */
  readonly blockReason?: string;
  readonly category?: string;
}

/**
 * The answer is withheld: after `afterChunks` text events (default 0: nothing), a candidate finishing
 * with `finishReason` (default `SAFETY`) whose rating for `category` (default `HARM_CATEGORY_DANGEROUS_CONTENT`)
 * is marked `blocked`, and no content. JSON: the text so far (if any) with that finish reason.
 */
export interface FakeGeminiCandidateBlockedStep extends FakeGeminiStepTiming, FakeGeminiAnswer {
  readonly kind: 'candidate-blocked';
  readonly category?: string;
  readonly afterChunks?: number;
}

/** One scripted behaviour of the fake Gemini server, taken by one request. */
export type FakeGeminiStep =
  | FakeGeminiOkStep
  | FakeGeminiStatusStep
  | FakeGeminiTimeoutStep
  | FakeGeminiResetStep
  | FakeGeminiSlowFirstTokenStep
  | FakeGeminiCutStep
  | FakeGeminiStallStep
  | FakeGeminiMalformedChunkStep
  | FakeGeminiMissingFinalStep
  | FakeGeminiStreamErrorStep
  | FakeGeminiPromptBlockedStep
  | FakeGeminiCandidateBlockedStep;

/** The `kind` of a Gemini step. */
export type FakeGeminiStepKind = FakeGeminiStep['kind'];

/** What answers when no queued step is left: one step for every request, or a function of the request. */
export type FakeGeminiScript = FakeGeminiStep | ((request: FakeGeminiRequestRecord) => FakeGeminiStep);
