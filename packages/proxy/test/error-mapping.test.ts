import {
  AllProvidersExhaustedError,
  AuthenticationError,
  BudgetExceededError,
  ConfigurationError,
  ContentFilteredError,
  ContextLengthExceededError,
  DeadlineExceededError,
  InvalidRequestError,
  NoActiveModelError,
  ProviderHttpError,
  RateLimitError,
  RoutingError,
  StreamInterruptedError,
} from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { toHttpFailure } from '../src/index.js';

const noon = Date.UTC(2026, 5, 15, 12, 0, 0);
const provider = { providerId: 'p', modelId: 'm' };

describe('mesh errors to HTTP answers', () => {
  const cases: Array<[string, unknown, number, string | null, Record<string, string>]> = [
    ['invalid request', new InvalidRequestError({ param: 'messages' }), 400, 'invalid_value', {}],
    ['unknown model', new RoutingError({ message: 'Unknown model "x"' }), 404, 'model_not_found', {}],
    ['capability nothing serves', new RoutingError({ poolName: 'vision', details: { capability: 'x' } }), 404, 'model_not_found', {}],
    ['no model fits the request', new RoutingError({ poolName: 'chat', details: { skipped: {} } }), 400, 'unsupported_request', {}],
    ['models cooling down', new NoActiveModelError({ poolName: 'chat', retryAfter: 12 }), 429, 'models_cooling_down', { 'retry-after': '12' }],
    ['nothing active, none due back', new NoActiveModelError({ poolName: 'chat' }), 503, 'no_active_model', {}],
    ['deadline', new DeadlineExceededError({ timeoutSeconds: 30 }), 504, 'timeout', {}],
    ['every attempt failed', new AllProvidersExhaustedError({ poolName: 'chat', attempts: 3, lastError: new ProviderHttpError({ ...provider, status: 503 }) }), 502, 'upstream_error', {}],
    ['every attempt rate-limited', new AllProvidersExhaustedError({ poolName: 'chat', attempts: 2, lastError: new RateLimitError({ ...provider, retryAfter: 7 }) }), 429, 'rate_limit_exceeded', { 'retry-after': '7' }],
    ['upstream credentials rejected', new AllProvidersExhaustedError({ poolName: 'chat', attempts: 1, lastError: new AuthenticationError(provider) }), 502, 'upstream_error', {}],
    ['prompt too long everywhere', new AllProvidersExhaustedError({ poolName: 'chat', attempts: 1, lastError: new ContextLengthExceededError(provider) }), 400, 'context_length_exceeded', {}],
    ['content filtered', new ContentFilteredError(provider), 400, 'content_filter', {}],
    ['upstream 400 surfaced', new ProviderHttpError({ ...provider, status: 400 }), 400, 'upstream_rejected_request', {}],
    ['stream interrupted', new StreamInterruptedError({ ...provider, chunksDelivered: 2, reason: 'cut' }), 502, 'stream_interrupted', {}],
    ['daily budget', new BudgetExceededError({ limitType: 'cost', limitValue: 1, actualValue: 2, period: 'day' }), 429, 'insufficient_quota', { 'retry-after': String(12 * 3600) }],
    ['total budget', new BudgetExceededError({ limitType: 'cost', limitValue: 1, actualValue: 2, period: 'total' }), 429, 'insufficient_quota', { 'x-should-retry': 'false' }],
    ['configuration', new ConfigurationError({ issues: [] }), 500, 'configuration_error', {}],
    ['anything else', new Error('secret internals'), 500, 'internal_error', {}],
  ];

  it.each(cases)('%s', (_name, error, status, code, headers) => {
    const failure = toHttpFailure(error, () => noon);
    expect(failure.status).toBe(status);
    expect(failure.error.code).toBe(code);
    expect(failure.headers).toEqual(headers);
    expect(Object.keys(failure.error)).toEqual(['message', 'type', 'param', 'code']);
  });

  it('never echoes the message of an unknown error', () => {
    expect(toHttpFailure(new Error('db password is hunter2')).error.message).toBe('Internal proxy error');
  });

  it('names the parameter of a 400', () => {
    expect(toHttpFailure(new InvalidRequestError({ param: 'messages[2].content' })).error.param).toBe('messages[2].content');
  });
});
