import type { FakeGeminiStatusStep } from './fake-gemini-step.js';
import { googleErrorBody, invalidApiKeyBody, quotaExceededBody, retryInfo, tokenLimitBody } from './google-error-bodies.js';

/** Options of {@link geminiRateLimited}. */
export interface GeminiRateLimitedOptions {
  /** `RetryInfo.retryDelay`: seconds (a number) or a Duration string (`"20s"`, `"1.5s"`); none by default. */
  readonly retryDelay?: number | string;
  /** The `model` in the `QuotaFailure` detail; default `gemini-2.5-flash`. */
  readonly model?: string;
  /** More headers (Gemini sends no `Retry-After`, but a proxy might). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Body instead of Gemini's quota error. */
  readonly body?: unknown;
  readonly delayMs?: number;
}

/** A 429 `RESOURCE_EXHAUSTED` step with Gemini's quota details and, when given, `RetryInfo`. */
export function geminiRateLimited(options: GeminiRateLimitedOptions = {}): FakeGeminiStatusStep {
  return {
    kind: 'status',
    status: 429,
    body: options.body ?? quotaExceededBody(options.model ?? 'gemini-2.5-flash', options.retryDelay),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
  };
}

/** Options of {@link geminiStatus}. */
export interface GeminiStatusOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Body instead of Google's error for the status (a string is sent as is). */
  readonly body?: unknown;
  /** `RetryInfo.retryDelay` added to the default body (Gemini sends it with some 503s). */
  readonly retryDelay?: number | string;
  readonly delayMs?: number;
}

/** A step answering `status` with Google's error body for it (or the given body). */
export function geminiStatus(status: number, options: GeminiStatusOptions = {}): FakeGeminiStatusStep {
  const { retryDelay, ...rest } = options;
  if (retryDelay === undefined || rest.body !== undefined) return { kind: 'status', status, ...rest };
  const name = status === 503 ? 'UNAVAILABLE' : status === 500 ? 'INTERNAL' : 'UNKNOWN';
  return { kind: 'status', status, ...rest, body: googleErrorBody(status, 'The service is currently unavailable.', name, [retryInfo(retryDelay)]) };
}

/** Gemini's 400 for a prompt over the model's input limit ("The input token count (N) exceeds the maximum number of tokens allowed (M)."). */
export function geminiContextLength(inputTokens?: number, limit?: number): FakeGeminiStatusStep {
  return { kind: 'status', status: 400, body: tokenLimitBody(inputTokens, limit) };
}

/** Gemini's 400 `API_KEY_INVALID` (a bad key is a 400, not a 401, at Google). */
export function geminiInvalidApiKey(): FakeGeminiStatusStep {
  return { kind: 'status', status: 400, body: invalidApiKeyBody() };
}

/** A 200 whose body is cut-off JSON. */
export function geminiMalformedJson(body = '{"candidates": [{"content": {"parts": [{"text": "Hel'): FakeGeminiStatusStep {
  return { kind: 'status', status: 200, body };
}
