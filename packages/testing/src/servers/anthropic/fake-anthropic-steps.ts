import { rateLimitedStep } from '../fake-status-step.js';
import type { FakeAnthropicError, FakeAnthropicStatusStep, FakeAnthropicStreamErrorStep } from './fake-anthropic-step.js';

/** Options of {@link anthropicRateLimited}. */
export interface AnthropicRateLimitedOptions {
  /** `retry-after`: seconds (a number), an HTTP date (a Date, sent in IMF-fixdate form), or raw text. */
  readonly retryAfter?: number | Date | string;
  /** More headers; by default the `anthropic-ratelimit-requests-*` headers of an exhausted limit are sent. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Body instead of Anthropic's `rate_limit_error`. */
  readonly body?: unknown;
  /** Milliseconds to wait before answering. */
  readonly delayMs?: number;
}

/** A 429 `rate_limit_error`, with or without `retry-after`, as the Messages API sends it. */
export function anthropicRateLimited(options: AnthropicRateLimitedOptions = {}): FakeAnthropicStatusStep {
  const headers: Record<string, string> = {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': new Date(Math.ceil(Date.now() / 1000) * 1000 + 30_000).toISOString().replace('.000Z', 'Z'),
    ...options.headers,
  };
  return rateLimitedStep(headers, options);
}

/** Options of {@link anthropicStatus}. */
export interface AnthropicStatusOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Body instead of Anthropic's error body for the status (a string is sent as is). */
  readonly body?: unknown;
  readonly delayMs?: number;
}

/** A step answering `status` with Anthropic's error body for it (or the given body). */
export function anthropicStatus(status: number, options: AnthropicStatusOptions = {}): FakeAnthropicStatusStep {
  return { kind: 'status', status, ...options };
}

/** A 200 whose body is cut-off JSON, so a JSON parser fails on it. */
export function anthropicMalformedJson(body = '{"id":"msg_broken","type":"message","content":[{'): FakeAnthropicStatusStep {
  return { kind: 'status', status: 200, body };
}

/**
 * A stream that reports `error` (default `overloaded_error`) after `afterChunks` pieces; with 0,
 * before any content, which is when a router can still fail over.
 */
export function anthropicStreamError(afterChunks = 0, error?: FakeAnthropicError): FakeAnthropicStreamErrorStep {
  return { kind: 'stream-error', afterChunks, ...(error === undefined ? {} : { error }) };
}
