import { AuthenticationError, ContextLengthExceededError, ProviderError, ProviderHttpError, RateLimitError, type ProviderErrorCode } from '@modelmesh/provider';
import { mapHttpError } from '@modelmesh/provider-kit';
import { describe, expect, it } from 'vitest';
import { anthropicPayloadError, parseAnthropicError, refineAnthropicError } from '../src/internal.js';

const body = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_011' });

/** An HTTP error as the provider maps it: provider-kit's mapping with Anthropic's parser, then the context refinement. */
const httpError = (status: number, text: string, headers: Record<string, string> = {}) =>
  refineAnthropicError(mapHttpError({ providerId: 'anthropic', modelId: 'claude-haiku-4-5', status, body: text, headers, parseBody: parseAnthropicError, now: Date.parse('2030-01-01T00:00:00Z') }));

describe('HTTP errors', () => {
  it.each([
    [401, 'authentication_error', 'invalid x-api-key', AuthenticationError, false],
    [403, 'permission_error', 'Your API key does not have permission to use the specified resource.', AuthenticationError, false],
    [404, 'not_found_error', 'model: claude-nope', ProviderHttpError, false],
    [413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.', ContextLengthExceededError, false],
    [429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', RateLimitError, true],
    [500, 'api_error', 'Internal server error', ProviderHttpError, true],
    [529, 'overloaded_error', 'Overloaded', ProviderHttpError, true],
    [400, 'invalid_request_error', 'max_tokens: Field required', ProviderHttpError, false],
  ] as const)('%i %s → the right class and retryable', (status, type, message, errorClass, retryable) => {
    const error = httpError(status, body(type, message));
    expect((errorClass as { isInstance(value: unknown): boolean }).isInstance(error), `${errorClass.name} expected, got ${error.name}`).toBe(true);
    expect(error).toMatchObject({ status, retryable, providerId: 'anthropic', details: { type } });
    expect(error.message).toContain(message);
  });

  it('takes retryAfter from retry-after on a 429, and has none without it', () => {
    expect((httpError(429, body('rate_limit_error', 'Slow down'), { 'retry-after': '12' }) as RateLimitError).retryAfter).toBe(12);
    expect((httpError(429, body('rate_limit_error', 'Slow down')) as RateLimitError).retryAfter).toBeUndefined();
  });

  it('keeps retry-after on a 529 for the router', () => {
    expect(httpError(529, body('overloaded_error', 'Overloaded'), { 'retry-after': '3' }).details).toMatchObject({ retryAfter: 3 });
  });

  it('reads the request-id header', () => {
    expect(httpError(500, body('api_error', 'x'), { 'request-id': 'req_abc' }).details).toMatchObject({ requestId: 'req_abc' });
  });

  it('"prompt is too long: N tokens > M maximum" → ContextLengthExceededError with both numbers', () => {
    const error = httpError(400, body('invalid_request_error', 'prompt is too long: 208310 tokens > 200000 maximum'));
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requestedTokens: 208_310, contextWindow: 200_000, retryable: false, status: 400 });
  });

  it('a prompt plus max_tokens over the window → ContextLengthExceededError too', () => {
    const error = httpError(400, body('invalid_request_error', 'input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length or `max_tokens` and try again'));
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requestedTokens: 209_573, contextWindow: 200_000 });
  });

  it('leaves other errors as they are', () => {
    const plain = new ProviderError({ providerId: 'anthropic', code: 'connection_error', retryable: true });
    expect(refineAnthropicError(plain)).toBe(plain);
    const unrelated = httpError(400, body('invalid_request_error', 'messages: roles must alternate'));
    expect(ProviderHttpError.isInstance(unrelated) && !ContextLengthExceededError.isInstance(unrelated)).toBe(true);
    expect(refineAnthropicError('not an error')).toBe('not an error');
  });

  it('quotes an HTML gateway page only as a short excerpt, and never the key', () => {
    const error = mapHttpError({ providerId: 'anthropic', status: 502, body: '<html>Bad gateway sk-ant-secret-123456</html>', parseBody: parseAnthropicError, secrets: ['sk-ant-secret-123456'] });
    expect(error.message).not.toContain('sk-ant-secret-123456');
    expect(error.retryable).toBe(true);
  });
});

describe('in-stream error events', () => {
  const context = { providerId: 'anthropic', modelId: 'claude-haiku-4-5', secrets: [] };
  it.each([
    ['overloaded_error', ProviderHttpError, 529, true, 'http_error'],
    ['api_error', ProviderHttpError, 500, true, 'http_error'],
    ['rate_limit_error', RateLimitError, 429, true, 'rate_limited'],
    ['authentication_error', AuthenticationError, 401, false, 'authentication'],
    ['invalid_request_error', ProviderHttpError, 400, false, 'http_error'],
  ] as const)('%s → the error of its HTTP status', (type, errorClass, status, retryable, code: ProviderErrorCode) => {
    const error = anthropicPayloadError({ type: 'error', error: { type, message: `${type} happened` } }, context);
    expect((errorClass as { isInstance(value: unknown): boolean }).isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status, retryable, code });
    expect(error.message).toContain(`${type} happened`);
  });

  it('an unknown error type is a retryable ProviderError (the stream failed mid-answer)', () => {
    expect(anthropicPayloadError({ type: 'error', error: { type: 'brand_new_error', message: 'eh' } }, context)).toMatchObject({ retryable: true, code: 'http_error' });
  });

  it('parseAnthropicError keeps a status the body states and adds one from the type otherwise', () => {
    expect(parseAnthropicError({ type: 'error', error: { type: 'overloaded_error', message: 'x' } })).toMatchObject({ type: 'overloaded_error', status: 529, message: 'x' });
    expect(parseAnthropicError({ type: 'error', error: { type: 'odd_error', message: 'x' } })?.status).toBeUndefined();
    expect(parseAnthropicError('not json')).toBeUndefined();
  });
});
