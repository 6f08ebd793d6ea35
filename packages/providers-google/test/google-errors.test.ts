import { AuthenticationError, ContextLengthExceededError, ProviderError, ProviderHttpError, RateLimitError } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { googleErrorReason, googleRetryDelay, mapGoogleErrorPayload, mapGoogleHttpError, parseGoogleError } from '../src/internal.js';

const KEY = 'AIzaSyErrorTestKey-123456';
const NOW = Date.parse('2025-06-01T12:00:00Z');

const body = (code: number, status: string, message: string, details?: unknown[]) => JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });
const retryInfo = (retryDelay: unknown) => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });
const map = (status: number, text: string, headers: Record<string, string> = {}) =>
  mapGoogleHttpError({ providerId: 'google', modelId: 'gemini-2.5-flash', status, headers: new Headers(headers), body: text, secrets: [KEY], now: NOW });

describe('parseGoogleError', () => {
  it('reads code, message and canonical status; the ErrorInfo reason is the code when present', () => {
    expect(parseGoogleError(body(404, 'NOT_FOUND', 'models/x is not found'))).toMatchObject({ message: 'models/x is not found', code: 'NOT_FOUND', type: 'NOT_FOUND', status: 404 });
    const quota = body(429, 'RESOURCE_EXHAUSTED', 'Quota', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' }]);
    expect(parseGoogleError(quota)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', type: 'RESOURCE_EXHAUSTED', status: 429 });
    expect(googleErrorReason(quota)).toBe('RATE_LIMIT_EXCEEDED');
  });

  it('recognises a bad key and a token-limit message', () => {
    expect(parseGoogleError(body(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.'))?.code).toBe('invalid_api_key');
    expect(parseGoogleError(body(400, 'INVALID_ARGUMENT', 'The input token count (2000000) exceeds the maximum number of tokens allowed (1048576).'))?.code).toBe('context_length_exceeded');
  });

  it('reads an array-wrapped error and gives up on what is not JSON', () => {
    expect(parseGoogleError(`[${body(500, 'INTERNAL', 'boom')}]`)).toMatchObject({ message: 'boom', status: 500 });
    expect(parseGoogleError('<html>502</html>')).toBeUndefined();
  });
});

describe('googleRetryDelay', () => {
  it.each([
    ['20s', 20],
    ['1.500s', 1.5],
    ['0.25s', 0.25],
    [{ seconds: '3', nanos: 500_000_000 }, 3.5],
  ])('RetryInfo %j → %s seconds', (delay, seconds) => {
    expect(googleRetryDelay(body(429, 'RESOURCE_EXHAUSTED', 'x', [retryInfo(delay)]))).toBe(seconds);
  });

  it('is undefined without RetryInfo or with a delay it cannot read', () => {
    expect(googleRetryDelay(body(429, 'RESOURCE_EXHAUSTED', 'x'))).toBeUndefined();
    expect(googleRetryDelay(body(429, 'RESOURCE_EXHAUSTED', 'x', [retryInfo('soon')]))).toBeUndefined();
  });
});

describe('mapGoogleHttpError', () => {
  it('429 RESOURCE_EXHAUSTED → RateLimitError with retryAfter from RetryInfo', () => {
    const error = map(429, body(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota.', [retryInfo('17s')]));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfter).toBe(17);
    expect(error.retryable).toBe(true);
    expect(error.details['retryAfter']).toBe(17);
    expect(error.message).toContain('You exceeded your current quota.');
  });

  it('a Retry-After header wins over RetryInfo; the message hint is the last resort', () => {
    expect((map(429, body(429, 'RESOURCE_EXHAUSTED', 'q', [retryInfo('17s')]), { 'retry-after': '4' }) as RateLimitError).retryAfter).toBe(4);
    expect((map(429, body(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded. Please retry in 9.5s.')) as RateLimitError).retryAfter).toBe(9.5);
    expect((map(429, body(429, 'RESOURCE_EXHAUSTED', 'q')) as RateLimitError).retryAfter).toBeUndefined();
  });

  it('401 UNAUTHENTICATED, 403 PERMISSION_DENIED and a 400 API_KEY_INVALID → AuthenticationError', () => {
    expect(AuthenticationError.isInstance(map(401, body(401, 'UNAUTHENTICATED', 'no')))).toBe(true);
    expect(AuthenticationError.isInstance(map(403, body(403, 'PERMISSION_DENIED', 'Method doesn’t allow unregistered callers')))).toBe(true);
    const invalid = map(400, body(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]));
    expect(AuthenticationError.isInstance(invalid)).toBe(true);
    expect(invalid.status).toBe(400);
    expect(invalid.retryable).toBe(false);
  });

  it('a token-limit 400 → ContextLengthExceededError with the counts Gemini quotes', () => {
    const error = map(400, body(400, 'INVALID_ARGUMENT', 'The input token count (1185337) exceeds the maximum number of tokens allowed (1048576).'));
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ contextWindow: 1_048_576, requestedTokens: 1_185_337, retryable: false, status: 400 });
  });

  it('500/503/504 are retryable; a 503 RetryInfo becomes details.retryAfter; other 4xx are not retryable', () => {
    for (const [status, name] of [
      [500, 'INTERNAL'],
      [503, 'UNAVAILABLE'],
      [504, 'DEADLINE_EXCEEDED'],
    ] as const) {
      const error = map(status, body(status, name, 'try later'));
      expect(ProviderHttpError.isInstance(error) && error.retryable, `${status}`).toBe(true);
    }
    expect(map(503, body(503, 'UNAVAILABLE', 'overloaded', [retryInfo('30s')])).details['retryAfter']).toBe(30);
    expect(map(400, body(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.')).retryable).toBe(false);
    expect(map(404, body(404, 'NOT_FOUND', 'nope')).retryable).toBe(false);
  });

  it('an HTML 502 page is a retryable ProviderHttpError quoting a short excerpt', () => {
    const error = map(502, '<!DOCTYPE html><title>Error 502 (Server Error)!!1</title>');
    expect(ProviderHttpError.isInstance(error) && error.retryable).toBe(true);
    expect(error.status).toBe(502);
  });

  it('never carries the API key, even when Google echoes it', () => {
    const error = map(400, body(400, 'INVALID_ARGUMENT', `API key not valid: ${KEY}`));
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(error.message).not.toContain(KEY);
    expect(String(error.stack)).not.toContain(KEY);
  });
});

describe('mapGoogleErrorPayload (errors inside a 200 stream)', () => {
  it('uses the code as the status', () => {
    const limited = mapGoogleErrorPayload({ error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED', details: [retryInfo('2s')] } }, { providerId: 'google', secrets: [] });
    expect(RateLimitError.isInstance(limited) && limited.retryAfter).toBe(2);
    const overloaded = mapGoogleErrorPayload({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }, { providerId: 'google', secrets: [] });
    expect(ProviderHttpError.isInstance(overloaded) && overloaded.retryable).toBe(true);
  });

  it('an error without a code is a retryable ProviderError', () => {
    const error = mapGoogleErrorPayload({ error: { message: 'stream broke' } }, { providerId: 'google', secrets: [] });
    expect(ProviderError.isInstance(error) && error.retryable).toBe(true);
    expect(error.message).toContain('stream broke');
  });
});
