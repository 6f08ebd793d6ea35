import { AuthenticationError, ContextLengthExceededError, ProviderError, ProviderHttpError, RateLimitError } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { anthropicMalformedJson, anthropicRateLimited, anthropicStatus } from '../../servers/anthropic/fake-anthropic-steps.js';
import type { FakeAnthropicStep } from '../../servers/anthropic/fake-anthropic-step.js';
import { expectProviderError, rejectionOf, type ErrorClass } from '../expect-provider-error.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';

/** One failure and the error it must become. */
interface FailureCase {
  readonly title: string;
  /** Built when the check runs (HTTP dates are relative to now). */
  readonly step: () => FakeAnthropicStep;
  readonly errorClass: ErrorClass<ProviderError>;
  readonly retryable: boolean;
  readonly status?: number;
  readonly code?: ProviderError['code'];
  /** Checks `retryAfter` of a RateLimitError. */
  readonly retryAfter?: (seconds: number | undefined) => void;
  /** Only for non-streaming calls. */
  readonly chatOnly?: boolean;
}

const HTTP_DATE_SECONDS = 30;

/** The Messages API's HTTP failures, each with the typed error it must map to. */
const FAILURES: readonly FailureCase[] = [
  { title: '401 authentication_error → AuthenticationError', step: () => anthropicStatus(401), errorClass: AuthenticationError, retryable: false, status: 401 },
  { title: '403 permission_error → AuthenticationError', step: () => anthropicStatus(403), errorClass: AuthenticationError, retryable: false, status: 403 },
  { title: '404 not_found_error → ProviderHttpError, not retryable', step: () => anthropicStatus(404), errorClass: ProviderHttpError, retryable: false, status: 404 },
  { title: '413 request_too_large → a ProviderError, not retryable', step: () => anthropicStatus(413), errorClass: ProviderError, retryable: false, status: 413 },
  {
    title: '429 rate_limit_error with retry-after: 7 → RateLimitError, retryAfter 7',
    step: () => anthropicRateLimited({ retryAfter: 7 }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    retryAfter: (seconds) => expect(seconds).toBe(7),
  },
  {
    title: `429 with an HTTP-date retry-after → retryAfter about ${HTTP_DATE_SECONDS}`,
    step: () => anthropicRateLimited({ retryAfter: new Date(Date.now() + HTTP_DATE_SECONDS * 1000) }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    retryAfter: (seconds) => {
      expect(seconds).toBeGreaterThanOrEqual(HTTP_DATE_SECONDS - 2);
      expect(seconds).toBeLessThanOrEqual(HTTP_DATE_SECONDS + 1);
    },
  },
  {
    title: '429 without retry-after → RateLimitError, retryAfter undefined',
    step: () => anthropicRateLimited(),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    retryAfter: (seconds) => expect(seconds).toBeUndefined(),
  },
  { title: '500 api_error → ProviderHttpError, retryable', step: () => anthropicStatus(500), errorClass: ProviderHttpError, retryable: true, status: 500 },
  { title: '529 overloaded_error → ProviderHttpError, retryable', step: () => ({ kind: 'overloaded' }), errorClass: ProviderHttpError, retryable: true, status: 529 },
  { title: '400 invalid_request_error → ProviderHttpError, not retryable', step: () => anthropicStatus(400), errorClass: ProviderHttpError, retryable: false, status: 400 },
  { title: '400 "prompt is too long" → ContextLengthExceededError', step: () => ({ kind: 'context-length' }), errorClass: ContextLengthExceededError, retryable: false, status: 400 },
  { title: 'connection reset → ProviderError connection_error, retryable', step: () => ({ kind: 'reset' }), errorClass: ProviderError, retryable: true, code: 'connection_error' },
  {
    title: 'malformed JSON body → ProviderError malformed_response, retryable',
    step: () => anthropicMalformedJson(),
    errorClass: ProviderError,
    retryable: true,
    code: 'malformed_response',
    chatOnly: true,
  },
  {
    title: 'a body cut halfway → ProviderError connection_error, retryable',
    step: () => ({ kind: 'cut', afterChunks: 0 }),
    errorClass: ProviderError,
    retryable: true,
    code: 'connection_error',
    chatOnly: true,
  },
];

function expectFailure(ctx: AnthropicConformanceContext, error: unknown, failure: FailureCase): void {
  const typed = expectProviderError(error, failure.errorClass, ctx.provider.id, {
    retryable: failure.retryable,
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...(failure.code === undefined ? {} : { code: failure.code }),
  });
  if (failure.retryAfter) failure.retryAfter(RateLimitError.isInstance(typed) ? typed.retryAfter : Number.NaN);
}

/** Each HTTP failure mapped to the right typed error, for `chat` and (rejecting the promise) for `chatStream`. */
export function checkAnthropicErrors(ctx: AnthropicConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('HTTP failures on chat', () => {
    for (const failure of FAILURES) {
      it(failure.title, { timeout }, async () => {
        ctx.server.script(failure.step());
        expectFailure(ctx, await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat'), failure);
      });
    }
  });

  if (!options.streaming) return;
  describe('HTTP failures on chatStream (the promise rejects, so the router can fail over)', () => {
    for (const failure of FAILURES.filter((f) => !f.chatOnly)) {
      it(failure.title, { timeout }, async () => {
        ctx.server.script(failure.step());
        expectFailure(ctx, await rejectionOf(ctx.provider.chatStream(ctx.streamParams(), ctx.call()), 'chatStream'), failure);
      });
    }
  });
}
