import { AuthenticationError, ContentFilteredError, ContextLengthExceededError, ProviderError, ProviderHttpError, RateLimitError } from '@modelmesh/core';
import { expect } from 'vitest';
import { httpStatus, malformedJson, rateLimited } from '../servers/fake-steps.js';
import type { FakeStep } from '../servers/fake-step.js';
import type { ConformanceContext } from './conformance-context.js';
import { checkHttpFailures } from './shared/check-http-failures.js';
import { expectHttpDateRetryAfter, expectRetryAfter, HTTP_DATE_SECONDS, type HttpFailureCase } from './shared/http-failure-case.js';

/** HTTP failures before the response starts, each with the typed error it must map to. */
const HTTP_FAILURES: readonly HttpFailureCase<FakeStep>[] = [
  { title: '401 → AuthenticationError', step: () => httpStatus(401), errorClass: AuthenticationError, retryable: false, status: 401 },
  { title: '403 → AuthenticationError', step: () => httpStatus(403), errorClass: AuthenticationError, retryable: false, status: 403 },
  {
    title: '429 with retry-after: 7 → RateLimitError, retryAfter 7',
    step: () => rateLimited({ retryAfter: 7 }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: expectRetryAfter((seconds) => expect(seconds).toBe(7)),
  },
  {
    title: `429 with an HTTP-date retry-after → retryAfter about ${HTTP_DATE_SECONDS}`,
    step: () => rateLimited({ retryAfter: new Date(Date.now() + HTTP_DATE_SECONDS * 1000) }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: expectHttpDateRetryAfter,
  },
  {
    title: '429 with retry-after-ms: 1500 → retryAfter 1.5',
    step: () => rateLimited({ retryAfterMs: 1500 }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: expectRetryAfter((seconds) => expect(seconds).toBe(1.5)),
  },
  {
    title: '429 without retry-after → retryAfter undefined',
    step: () => rateLimited(),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: expectRetryAfter((seconds) => expect(seconds).toBeUndefined()),
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

/** Each HTTP failure mapped to the right typed error, for `chat` and (rejecting the promise) for `chatStream`. */
export function checkHttpErrors(ctx: ConformanceContext): void {
  checkHttpFailures(ctx, HTTP_FAILURES);
}
