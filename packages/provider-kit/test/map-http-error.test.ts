import { AuthenticationError, ContentFilteredError, ContextLengthExceededError, ProviderError, ProviderHttpError, RateLimitError } from '@modelmesh/provider';
import { describe, expect, it } from 'vitest';
import { mapErrorPayload, mapHttpError, parseErrorBody } from '../src/index.js';

const openaiError = (message: string, type: string, code: string | null = null, param: string | null = null) => JSON.stringify({ error: { message, type, param, code } });

const base = { providerId: 'openai', modelId: 'gpt-4o', now: Date.parse('2026-11-21T12:00:00Z') };

type ErrorClass = { isInstance(value: unknown): boolean; name: string };

const table: { name: string; status: number; body: string; headers?: Record<string, string>; is: ErrorClass; retryable: boolean; retryAfter?: number }[] = [
  { name: '401 invalid key', status: 401, body: openaiError('Incorrect API key provided', 'invalid_request_error', 'invalid_api_key'), is: AuthenticationError, retryable: false },
  { name: '403 forbidden', status: 403, body: openaiError('Project does not have access', 'invalid_request_error'), is: AuthenticationError, retryable: false },
  { name: '429 with retry-after seconds', status: 429, body: openaiError('Rate limit reached', 'requests', 'rate_limit_exceeded'), headers: { 'retry-after': '7' }, is: RateLimitError, retryable: true, retryAfter: 7 },
  { name: '429 with retry-after-ms', status: 429, body: '{}', headers: { 'retry-after': '2', 'retry-after-ms': '1500' }, is: RateLimitError, retryable: true, retryAfter: 1.5 },
  { name: '429 with a hint only in the message', status: 429, body: openaiError('Rate limit reached for gpt-4o. Please try again in 20s.', 'tokens', 'rate_limit_exceeded'), is: RateLimitError, retryable: true, retryAfter: 20 },
  { name: '429 with no hint', status: 429, body: 'Too Many Requests', is: RateLimitError, retryable: true },
  { name: '429 insufficient_quota', status: 429, body: openaiError('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota'), is: RateLimitError, retryable: true },
  {
    name: '400 context_length_exceeded code',
    status: 400,
    body: openaiError("This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.", 'invalid_request_error', 'context_length_exceeded', 'messages'),
    is: ContextLengthExceededError,
    retryable: false,
  },
  { name: '400 context message without code (vLLM)', status: 400, body: JSON.stringify({ object: 'error', message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens", type: 'BadRequestError', code: 400 }), is: ContextLengthExceededError, retryable: false },
  { name: '413 prompt is too long', status: 413, body: JSON.stringify({ type: 'error', error: { type: 'request_too_large', message: 'prompt is too long' } }), is: ContextLengthExceededError, retryable: false },
  { name: '400 content_filter code (Azure)', status: 400, body: openaiError('The response was filtered due to the prompt triggering content management policy.', 'invalid_request_error', 'content_filter', 'prompt'), is: ContentFilteredError, retryable: false },
  { name: '400 policy violation text', status: 400, body: openaiError('Your request was rejected as a result of our safety system.', 'invalid_request_error', 'content_policy_violation'), is: ContentFilteredError, retryable: false },
  { name: '400 plain bad request', status: 400, body: openaiError("Invalid value for 'temperature'", 'invalid_request_error', null, 'temperature'), is: ProviderHttpError, retryable: false },
  { name: '404 unknown model', status: 404, body: openaiError('The model `gpt-9` does not exist', 'invalid_request_error', 'model_not_found'), is: ProviderHttpError, retryable: false },
  { name: '408 request timeout', status: 408, body: '', is: ProviderHttpError, retryable: true },
  { name: '500 server error', status: 500, body: openaiError('The server had an error', 'server_error'), is: ProviderHttpError, retryable: true },
  { name: '502 HTML gateway page', status: 502, body: '<html><body>Bad Gateway</body></html>', is: ProviderHttpError, retryable: true },
  { name: '503 overloaded with retry-after', status: 503, body: openaiError('Overloaded', 'server_error'), headers: { 'retry-after': '3' }, is: ProviderHttpError, retryable: true, retryAfter: 3 },
  { name: '500 mentioning context stays a server error', status: 500, body: openaiError('context window service crashed', 'server_error'), is: ProviderHttpError, retryable: true },
  { name: '529 Anthropic overloaded', status: 529, body: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }), is: ProviderHttpError, retryable: true },
];

describe('mapHttpError', () => {
  for (const row of table) {
    it(`maps ${row.name}`, () => {
      const error = mapHttpError({ ...base, status: row.status, body: row.body, headers: row.headers ?? {} });
      expect(row.is.isInstance(error), `${error.name} should be ${row.is.name}`).toBe(true);
      expect(error.retryable).toBe(row.retryable);
      expect(error.status).toBe(row.status);
      expect(error.providerId).toBe('openai');
      expect(error.modelId).toBe('gpt-4o');
      // retryAfter is a field of every provider error, not only of a RateLimitError.
      expect(error.retryAfter).toBe(row.retryAfter);
      if (row.retryAfter !== undefined) expect(error.toJSON()['retryAfter']).toBe(row.retryAfter);
    });
  }

  it('quotes the provider message in the error message', () => {
    const error = mapHttpError({ ...base, status: 400, body: openaiError("Invalid value for 'temperature': must be <= 2", 'invalid_request_error') });
    expect(error.message).toContain("Invalid value for 'temperature': must be <= 2");
    expect(error.message).toContain('HTTP 400');
    expect(error.details).toMatchObject({ type: 'invalid_request_error' });
  });

  it('reads the token counts of a context-length error', () => {
    const error = mapHttpError({
      ...base,
      status: 400,
      body: openaiError("This model's maximum context length is 128,000 tokens. However, your messages resulted in 130,512 tokens.", 'invalid_request_error', 'context_length_exceeded'),
    }) as ContextLengthExceededError;
    expect(error.contextWindow).toBe(128000);
    expect(error.requestedTokens).toBe(130512);
  });

  it('gives a 503 its Retry-After as a field, and keeps it in details', () => {
    const error = mapHttpError({ ...base, status: 503, body: '', headers: { 'Retry-After': '4' } });
    expect(error.retryAfter).toBe(4);
    expect(error.details['retryAfter']).toBe(4);
  });

  it('truncates a huge body instead of copying it', () => {
    const error = mapHttpError({ ...base, status: 502, body: `<html>${'x'.repeat(50_000)}</html>` });
    expect(error.message.length).toBeLessThan(800);
    expect(error.message).toContain('more chars');
  });

  it('records the request id for support tickets', () => {
    const error = mapHttpError({ ...base, status: 500, body: '', headers: { 'x-request-id': 'req_123' } });
    expect(error.details['requestId']).toBe('req_123');
  });

  it('uses a vendor parser when given one', () => {
    const error = mapHttpError({ ...base, status: 400, body: 'E42|prompt too long', parseBody: (body) => ({ message: String(body).split('|')[1], code: 'context_length_exceeded' }) });
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
  });
});

describe('mapErrorPayload (errors inside a stream)', () => {
  it('maps a rate-limit error event', () => {
    const error = mapErrorPayload({ providerId: 'p', payload: { error: { message: 'Rate limit reached. Please try again in 2s', type: 'rate_limit_error', code: 'rate_limit_exceeded' } } });
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfter).toBe(2);
  });

  it('maps a context error event', () => {
    const error = mapErrorPayload({ providerId: 'p', payload: { error: { message: 'too long', code: 'context_length_exceeded' } } });
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
  });

  it('uses a numeric code in the body as the status', () => {
    const error = mapErrorPayload({ providerId: 'p', payload: { error: { message: 'bad', type: 'BadRequestError', code: 400 } } });
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
  });

  it('makes an unrecognised mid-stream server error retryable', () => {
    const error = mapErrorPayload({ providerId: 'p', payload: { error: { message: 'The server had an error while processing your request', type: 'server_error' } } });
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('The server had an error');
  });
});

describe('parseErrorBody', () => {
  it.each([
    ['OpenAI', { error: { message: 'm', type: 't', code: 'c', param: 'p' } }, { message: 'm', type: 't', code: 'c', param: 'p' }],
    ['Anthropic', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { message: 'Overloaded', type: 'overloaded_error' }],
    ['Google', { error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } }, { message: 'Resource exhausted', code: '429', type: 'RESOURCE_EXHAUSTED', status: 429 }],
    ['bare string', { error: 'nope' }, { message: 'nope' }],
    ['FastAPI detail list', { detail: [{ msg: 'field required', loc: ['body', 'model'] }] }, { message: 'field required' }],
  ])('reads the %s shape', (_name, body, expected) => {
    expect(parseErrorBody(body)).toMatchObject(expected);
  });

  it('returns undefined for text that is not JSON', () => {
    expect(parseErrorBody('<html>')).toBeUndefined();
  });
});
