import {
  AuthenticationError,
  ContentFilteredError,
  ContextLengthExceededError,
  ProviderError,
  ProviderHttpError,
  RateLimitError,
} from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { httpStatus, malformedJson, rateLimited } from '../servers/fake-steps.js';
import type { FakeStep } from '../servers/fake-step.js';
import type { ConformanceContext } from './conformance-context.js';
import { expectProviderError, rejectionOf, type ErrorClass } from './expect-provider-error.js';

/** One failure and the error it must become. */
interface FailureCase {
  readonly title: string;
  /** Built when the check runs (HTTP dates are relative to now). */
  readonly step: () => FakeStep;
  readonly errorClass: ErrorClass<ProviderError>;
  readonly retryable: boolean;
  readonly status?: number;
  readonly code?: ProviderError['code'];
  /** Checks `retryAfter` of a RateLimitError. */
  readonly retryAfter?: (seconds: number | undefined) => void;
  /** Only for non-streaming calls (a stream request cannot get a JSON body). */
  readonly chatOnly?: boolean;
}

const HTTP_DATE_SECONDS = 30;

/** HTTP failures before the response starts, each with the typed error it must map to. */
const HTTP_FAILURES: readonly FailureCase[] = [
  { title: '401 → AuthenticationError', step: () => httpStatus(401), errorClass: AuthenticationError, retryable: false, status: 401 },
  { title: '403 → AuthenticationError', step: () => httpStatus(403), errorClass: AuthenticationError, retryable: false, status: 403 },
  {
    title: '429 with retry-after: 7 → RateLimitError, retryAfter 7',
    step: () => rateLimited({ retryAfter: 7 }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    retryAfter: (seconds) => expect(seconds).toBe(7),
  },
  {
    title: `429 with an HTTP-date retry-after → retryAfter about ${HTTP_DATE_SECONDS}`,
    step: () => rateLimited({ retryAfter: new Date(Date.now() + HTTP_DATE_SECONDS * 1000) }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    // The date has whole seconds and some time passes before the provider reads it.
    retryAfter: (seconds) => {
      expect(seconds).toBeGreaterThanOrEqual(HTTP_DATE_SECONDS - 2);
      expect(seconds).toBeLessThanOrEqual(HTTP_DATE_SECONDS + 1);
    },
  },
  {
    title: '429 with retry-after-ms: 1500 → retryAfter 1.5',
    step: () => rateLimited({ retryAfterMs: 1500 }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    retryAfter: (seconds) => expect(seconds).toBe(1.5),
  },
  {
    title: '429 without retry-after → retryAfter undefined',
    step: () => rateLimited(),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    retryAfter: (seconds) => expect(seconds).toBeUndefined(),
  },
  { title: '500 → ProviderHttpError, retryable', step: () => httpStatus(500), errorClass: ProviderHttpError, retryable: true, status: 500 },
  { title: '502 with an HTML page → ProviderHttpError, retryable', step: () => httpStatus(502), errorClass: ProviderHttpError, retryable: true, status: 502 },
  { title: '503 → ProviderHttpError, retryable', step: () => httpStatus(503), errorClass: ProviderHttpError, retryable: true, status: 503 },
  { title: '400 → ProviderHttpError, not retryable', step: () => httpStatus(400), errorClass: ProviderHttpError, retryable: false, status: 400 },
  { title: '404 model_not_found → ProviderHttpError, not retryable', step: () => httpStatus(404), errorClass: ProviderHttpError, retryable: false, status: 404 },
  { title: 'context length → ContextLengthExceededError', step: () => ({ kind: 'context-length' }), errorClass: ContextLengthExceededError, retryable: false },
  { title: 'content filter → ContentFilteredError', step: () => ({ kind: 'content-filter' }), errorClass: ContentFilteredError, retryable: false },
  { title: 'connection reset → ProviderError connection_error, retryable', step: () => ({ kind: 'reset' }), errorClass: ProviderError, retryable: true, code: 'connection_error' },
  {
    title: 'malformed JSON body → ProviderError malformed_response, retryable',
    step: () => malformedJson(),
    errorClass: ProviderError,
    retryable: true,
    code: 'malformed_response',
    chatOnly: true,
  },
];

function expectFailure(ctx: ConformanceContext, error: unknown, failure: FailureCase): void {
  const typed = expectProviderError(error, failure.errorClass, ctx.provider.id, {
    retryable: failure.retryable,
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...(failure.code === undefined ? {} : { code: failure.code }),
  });
  if (failure.retryAfter) failure.retryAfter(RateLimitError.isInstance(typed) ? typed.retryAfter : Number.NaN);
}

/** Each HTTP failure mapped to the right typed error, for `chat` and (rejecting the promise) for `chatStream`. */
export function checkHttpErrors(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  describe('HTTP failures on chat', () => {
    for (const failure of HTTP_FAILURES) {
      it(failure.title, { timeout }, async () => {
        ctx.server.script(failure.step());
        expectFailure(ctx, await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat'), failure);
      });
    }
  });

  if (!options.streaming) return;
  describe('HTTP failures on chatStream (the promise rejects, so the router can fail over)', () => {
    for (const failure of HTTP_FAILURES.filter((f) => !f.chatOnly)) {
      it(failure.title, { timeout }, async () => {
        ctx.server.script(failure.step());
        expectFailure(ctx, await rejectionOf(ctx.provider.chatStream(ctx.streamParams(), ctx.call()), 'chatStream'), failure);
      });
    }
  });
}
