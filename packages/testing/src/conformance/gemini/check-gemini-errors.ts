import {
  AuthenticationError,
  ContextLengthExceededError,
  ProviderError,
  ProviderHttpError,
  RateLimitError,
} from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import type { FakeGeminiStep } from '../../servers/gemini/fake-gemini-step.js';
import { geminiContextLength, geminiInvalidApiKey, geminiMalformedJson, geminiRateLimited, geminiStatus } from '../../servers/gemini/fake-gemini-steps.js';
import { expectProviderError, rejectionOf, type ErrorClass } from '../expect-provider-error.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

/** One failure and the error it must become. */
interface FailureCase {
  readonly title: string;
  readonly step: () => FakeGeminiStep;
  readonly errorClass: ErrorClass<ProviderError>;
  readonly retryable: boolean;
  readonly status?: number;
  readonly code?: ProviderError['code'];
  /** More checks on the error. */
  readonly more?: (error: ProviderError) => void;
  /** Only for non-streaming calls. */
  readonly chatOnly?: boolean;
}

const retryAfterOf = (error: ProviderError): number | undefined => (RateLimitError.isInstance(error) ? error.retryAfter : Number.NaN);

/** Gemini's HTTP failures, each with the typed error it must map to. */
const FAILURES: readonly FailureCase[] = [
  { title: '400 INVALID_ARGUMENT → ProviderHttpError, not retryable', step: () => geminiStatus(400), errorClass: ProviderHttpError, retryable: false, status: 400 },
  { title: '400 API_KEY_INVALID → AuthenticationError', step: () => geminiInvalidApiKey(), errorClass: AuthenticationError, retryable: false },
  { title: '401 UNAUTHENTICATED → AuthenticationError', step: () => geminiStatus(401), errorClass: AuthenticationError, retryable: false, status: 401 },
  { title: '403 PERMISSION_DENIED → AuthenticationError', step: () => geminiStatus(403), errorClass: AuthenticationError, retryable: false, status: 403 },
  { title: '404 NOT_FOUND → ProviderHttpError, not retryable', step: () => geminiStatus(404), errorClass: ProviderHttpError, retryable: false, status: 404 },
  {
    title: '429 RESOURCE_EXHAUSTED with RetryInfo 20s → RateLimitError, retryAfter 20',
    step: () => geminiRateLimited({ retryDelay: '20s' }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: (error) => expect(retryAfterOf(error)).toBe(20),
  },
  {
    title: '429 with RetryInfo 1.5s → retryAfter 1.5',
    step: () => geminiRateLimited({ retryDelay: '1.5s' }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: (error) => expect(retryAfterOf(error)).toBe(1.5),
  },
  {
    title: '429 without RetryInfo → retryAfter undefined',
    step: () => geminiRateLimited(),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: (error) => expect(retryAfterOf(error)).toBeUndefined(),
  },
  {
    title: '429 with a Retry-After header and RetryInfo → the header wins',
    step: () => geminiRateLimited({ retryDelay: '20s', headers: { 'retry-after': '7' } }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: (error) => expect(retryAfterOf(error)).toBe(7),
  },
  { title: '500 INTERNAL → ProviderHttpError, retryable', step: () => geminiStatus(500), errorClass: ProviderHttpError, retryable: true, status: 500 },
  { title: '502 with an HTML page → ProviderHttpError, retryable', step: () => geminiStatus(502), errorClass: ProviderHttpError, retryable: true, status: 502 },
  { title: '503 UNAVAILABLE → ProviderHttpError, retryable', step: () => geminiStatus(503), errorClass: ProviderHttpError, retryable: true, status: 503 },
  {
    title: '503 with RetryInfo 30s → retryable, details.retryAfter 30',
    step: () => geminiStatus(503, { retryDelay: '30s' }),
    errorClass: ProviderHttpError,
    retryable: true,
    status: 503,
    more: (error) => expect(error.details['retryAfter']).toBe(30),
  },
  { title: '504 DEADLINE_EXCEEDED → ProviderHttpError, retryable', step: () => geminiStatus(504), errorClass: ProviderHttpError, retryable: true, status: 504 },
  {
    title: '400 token-count message → ContextLengthExceededError with the counts',
    step: () => geminiContextLength(1_200_000, 1_048_576),
    errorClass: ContextLengthExceededError,
    retryable: false,
    more: (error) => {
      expect(ContextLengthExceededError.isInstance(error) ? error.contextWindow : undefined).toBe(1_048_576);
      expect(ContextLengthExceededError.isInstance(error) ? error.requestedTokens : undefined).toBe(1_200_000);
    },
  },
  { title: 'connection reset → ProviderError connection_error, retryable', step: () => ({ kind: 'reset' }), errorClass: ProviderError, retryable: true, code: 'connection_error' },
  { title: 'malformed JSON body → ProviderError malformed_response, retryable', step: () => geminiMalformedJson(), errorClass: ProviderError, retryable: true, code: 'malformed_response', chatOnly: true },
];

/** Each HTTP failure mapped to the right typed error, for `chat` and (rejecting the promise) for `chatStream`. */
export function checkGeminiErrors(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;
  const expectFailure = (error: unknown, failure: FailureCase): void => {
    const typed = expectProviderError(error, failure.errorClass, ctx.provider.id, {
      retryable: failure.retryable,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      ...(failure.code === undefined ? {} : { code: failure.code }),
    });
    failure.more?.(typed);
  };

  describe('HTTP failures on chat', () => {
    for (const failure of FAILURES) {
      it(failure.title, { timeout }, async () => {
        ctx.server.script(failure.step());
        expectFailure(await rejectionOf(ctx.provider.chat(ctx.chatParams(), ctx.call()), 'chat'), failure);
      });
    }
  });

  if (!options.streaming) return;
  describe('HTTP failures on chatStream (the promise rejects, so the router can fail over)', () => {
    for (const failure of FAILURES.filter((f) => !f.chatOnly)) {
      it(failure.title, { timeout }, async () => {
        ctx.server.script(failure.step());
        expectFailure(await rejectionOf(ctx.provider.chatStream(ctx.streamParams(), ctx.call()), 'chatStream'), failure);
      });
    }
  });
}
