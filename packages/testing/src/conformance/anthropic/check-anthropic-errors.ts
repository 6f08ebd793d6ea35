import { AuthenticationError, ContextLengthExceededError, ProviderError, ProviderHttpError, RateLimitError } from '@modelmesh/core';
import { expect } from 'vitest';
import { anthropicMalformedJson, anthropicRateLimited, anthropicStatus } from '../../servers/anthropic/fake-anthropic-steps.js';
import type { FakeAnthropicStep } from '../../servers/anthropic/fake-anthropic-step.js';
import { checkHttpFailures } from '../shared/check-http-failures.js';
import { expectHttpDateRetryAfter, expectRetryAfter, HTTP_DATE_SECONDS, type HttpFailureCase } from '../shared/http-failure-case.js';
import type { AnthropicConformanceContext } from './anthropic-conformance-context.js';

/** The Messages API's HTTP failures, each with the typed error it must map to. */
const FAILURES: readonly HttpFailureCase<FakeAnthropicStep>[] = [
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
    more: expectRetryAfter((seconds) => expect(seconds).toBe(7)),
  },
  {
    title: `429 with an HTTP-date retry-after → retryAfter about ${HTTP_DATE_SECONDS}`,
    step: () => anthropicRateLimited({ retryAfter: new Date(Date.now() + HTTP_DATE_SECONDS * 1000) }),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: expectHttpDateRetryAfter,
  },
  {
    title: '429 without retry-after → RateLimitError, retryAfter undefined',
    step: () => anthropicRateLimited(),
    errorClass: RateLimitError,
    retryable: true,
    status: 429,
    more: expectRetryAfter((seconds) => expect(seconds).toBeUndefined()),
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

/** Each HTTP failure mapped to the right typed error, for `chat` and (rejecting the promise) for `chatStream`. */
export function checkAnthropicErrors(ctx: AnthropicConformanceContext): void {
  checkHttpFailures(ctx, FAILURES);
}
