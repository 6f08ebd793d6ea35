import {
  AuthenticationError,
  ContextLengthExceededError,
  ProviderError,
  ProviderHttpError,
  RateLimitError,
} from '@modelmesh/core';
import { expect } from 'vitest';
import type { FakeGeminiStep } from '../../servers/gemini/fake-gemini-step.js';
import { geminiContextLength, geminiInvalidApiKey, geminiMalformedJson, geminiRateLimited, geminiStatus } from '../../servers/gemini/fake-gemini-steps.js';
import { checkHttpFailures } from '../shared/check-http-failures.js';
import { retryAfterOf, type HttpFailureCase } from '../shared/http-failure-case.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

/** Gemini's HTTP failures, each with the typed error it must map to. */
const FAILURES: readonly HttpFailureCase<FakeGeminiStep>[] = [
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
  checkHttpFailures(ctx, FAILURES);
}
