import type { ChatCompletionFinishReason, RateLimitSnapshot } from '@modelmesh/core';

/** A tool call a mock answer makes. */
export interface MockToolCall {
  /** Tool call id; default `call_mock_<n>`. */
  readonly id?: string;
  /** Function name. */
  readonly name: string;
  /** Arguments: a JSON string, or an object that is serialised; default `{}`. */
  readonly arguments?: string | Readonly<Record<string, unknown>>;
}

/** Settings every outcome accepts. */
export interface MockTiming {
  /** Milliseconds to wait on the provider's clock before the outcome happens (for streams: before the response starts). */
  readonly latency?: number;
}

/**
 * What the answer says. Shared by `ok` and by the stream outcomes that deliver part of an
 * answer before failing, so a cut stream carries recognisable text.
 */
export interface MockAnswer {
  /** Answer text; default `'Mock response'` (or `null` when `toolCalls` are given). */
  readonly content?: string | null;
  /** Stream pieces; joined they are the content. Default: the content split after each word. */
  readonly chunks?: readonly string[];
  /** Tool calls the answer makes. */
  readonly toolCalls?: readonly MockToolCall[];
  /** Finish reason; default `'tool_calls'` when there are tool calls, else `'stop'`. */
  readonly finishReason?: ChatCompletionFinishReason;
  /** The model id the response names; default the model id the request asked the provider for. */
  readonly model?: string;
  /** Total tokens. Default: prompt plus completion tokens. */
  readonly tokens?: number;
  /** Prompt tokens. Default: `floor(tokens / 3)` when `tokens` is given, else ~4 characters per token of the messages. */
  readonly promptTokens?: number;
  /** Completion tokens. Default: `tokens - promptTokens` when `tokens` is given, else ~4 characters per token of the answer. */
  readonly completionTokens?: number;
  /** Milliseconds to wait on the clock between stream chunks. */
  readonly chunkLatency?: number;
}

/** The call succeeds. */
export interface MockOkOutcome extends MockTiming, MockAnswer {
  readonly type: 'ok';
  /** Rate-limit headers the "response" carried; handed to `call.reportRateLimit`. */
  readonly rateLimit?: RateLimitSnapshot;
}

/**
 * The provider answers with an HTTP error status, mapped to the ModelMesh error a real
 * provider would throw: 401/403 → AuthenticationError, 429 → RateLimitError (`retry-after`
 * seconds or HTTP date, or `retry-after-ms`), 400 with a context-length code or message →
 * ContextLengthExceededError, a content-filter code or message → ContentFilteredError,
 * anything else → ProviderHttpError (retryable for 408/409/425/429/5xx).
 */
export interface MockHttpOutcome extends MockTiming {
  readonly type: 'http';
  readonly status: number;
  /** Response headers (names are matched case-insensitively). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Response body: a JSON string or object, e.g. `{ error: { code: 'context_length_exceeded', message } }`. */
  readonly body?: unknown;
}

/** The provider never answers; the call rejects with the signal's reason once `call.signal` aborts. */
export interface MockTimeoutOutcome {
  readonly type: 'timeout';
}

/** The connection is reset: ProviderError with code `connection_error` (retryable). */
export interface MockResetOutcome extends MockTiming {
  readonly type: 'reset';
}

/** The response cannot be parsed: ProviderError with code `malformed_response` (retryable). */
export interface MockMalformedOutcome extends MockTiming {
  readonly type: 'malformed';
}

/** The call throws exactly this error (an Error or a ModelMesh error). */
export interface MockErrorOutcome extends MockTiming {
  readonly type: 'error';
  readonly error: unknown;
}

/** Stream outcomes that fail after some content chunks. */
export interface MockStreamBreak extends MockTiming, MockAnswer {
  /** Content chunks delivered before the failure; default 1. */
  readonly afterChunks?: number;
}

/**
 * Streams: the connection drops after `afterChunks` content chunks (the iterable throws a
 * ProviderError with code `connection_error`). Non-streaming calls behave like `reset`.
 */
export interface MockStreamCutOutcome extends MockStreamBreak {
  readonly type: 'stream-cut';
}

/**
 * Streams: after `afterChunks` content chunks nothing more arrives and the stream never
 * ends, until `call.signal` aborts (the iterable then throws the signal's reason).
 * Non-streaming calls behave like `timeout`.
 */
export interface MockStallOutcome extends MockStreamBreak {
  readonly type: 'stall';
}

/**
 * Streams: after `afterChunks` content chunks a chunk cannot be parsed (the iterable
 * throws a ProviderError with code `malformed_response`). Non-streaming calls behave like `malformed`.
 */
export interface MockMalformedChunkOutcome extends MockStreamBreak {
  readonly type: 'malformed-chunk';
}

/**
 * Streams: every content chunk arrives and the stream ends cleanly, but without a finish
 * reason (and without usage). Non-streaming calls behave like `malformed`.
 */
export interface MockNoFinishOutcome extends MockTiming, MockAnswer {
  readonly type: 'no-finish';
}

/**
 * Streams: the response starts (the role chunk arrives) and then an error event arrives
 * before any content, such as Anthropic's `overloaded_error`. The error is mapped like an
 * `http` outcome: default status 529, a retryable ProviderHttpError. Non-streaming calls
 * fail with the same error.
 */
export interface MockErrorBeforeContentOutcome extends MockTiming {
  readonly type: 'error-before-content';
  /** Status the error event amounts to; default 529 (overloaded). */
  readonly status?: number;
  /** Error payload, mapped like an `http` outcome's body. */
  readonly body?: unknown;
  /** Headers, for `retry-after` on a 429. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** How one call to a mock provider ends. Discriminated by `type`. */
export type MockOutcome =
  | MockOkOutcome
  | MockHttpOutcome
  | MockTimeoutOutcome
  | MockResetOutcome
  | MockMalformedOutcome
  | MockErrorOutcome
  | MockStreamCutOutcome
  | MockStallOutcome
  | MockMalformedChunkOutcome
  | MockNoFinishOutcome
  | MockErrorBeforeContentOutcome;

/** The `type` of a {@link MockOutcome}. */
export type MockOutcomeType = MockOutcome['type'];
