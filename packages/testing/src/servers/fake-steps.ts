import type { FakeStatusStep } from './fake-step.js';
import { rateLimitedStep } from './fake-status-step.js';

/** Options of {@link rateLimited}. */
export interface RateLimitedOptions {
  /** `retry-after`: seconds (a number), an HTTP date (a Date, sent in IMF-fixdate form), or raw text. */
  readonly retryAfter?: number | Date | string;
  /** `retry-after-ms`, as OpenAI sends it beside `retry-after`. */
  readonly retryAfterMs?: number;
  /** More headers, e.g. `x-ratelimit-*`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Body instead of OpenAI's `rate_limit_exceeded` error. */
  readonly body?: unknown;
  /** Milliseconds to wait before answering. */
  readonly delayMs?: number;
}

/** A 429 step, with or without `retry-after` / `retry-after-ms`. */
export function rateLimited(options: RateLimitedOptions = {}): FakeStatusStep {
  return rateLimitedStep({ ...options.headers }, options, options.retryAfterMs === undefined ? {} : { 'retry-after-ms': String(options.retryAfterMs) });
}

/** Options of {@link httpStatus}. */
export interface HttpStatusOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Body instead of the default for the status (a string is sent as is). */
  readonly body?: unknown;
  readonly delayMs?: number;
}

/** A step answering `status` with OpenAI's error body for it (or the given body). */
export function httpStatus(status: number, options: HttpStatusOptions = {}): FakeStatusStep {
  return { kind: 'status', status, ...options };
}

/** A 200 whose body is cut-off JSON, so a JSON parser fails on it. */
export function malformedJson(body = '{"id":"chatcmpl-broken","object":"chat.completion","choices":[{'): FakeStatusStep {
  return { kind: 'status', status: 200, body };
}
