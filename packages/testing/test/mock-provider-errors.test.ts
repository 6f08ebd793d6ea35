import {
  AuthenticationError,
  ContentFilteredError,
  ContextLengthExceededError,
  ManualClock,
  ProviderError,
  ProviderHttpError,
  RateLimitError,
  type ChatCompletionCreateParamsNonStreaming,
} from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { mockProvider, type MockOutcome } from '../src/index.js';
import { providerCall } from './provider-call.js';

const request: ChatCompletionCreateParamsNonStreaming = { model: 'gpt-test', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2 };

async function failureOf(outcome: MockOutcome, clock = new ManualClock()): Promise<unknown> {
  const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: outcome, clock });
  return provider.chat(request, providerCall()).then(
    () => expect.unreachable('the call should fail'),
    (error: unknown) => error,
  );
}

describe('mockProvider http outcomes map to the errors a real provider throws', () => {
  it.each([401, 403])('HTTP %i is a non-retryable AuthenticationError', async (status) => {
    const error = await failureOf({ type: 'http', status, body: { error: { message: 'Invalid API key' } } });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status, retryable: false, providerId: 'p', modelId: 'gpt-test', code: 'authentication' });
  });

  it('HTTP 429 with retry-after in seconds is a retryable RateLimitError with retryAfter', async () => {
    const error = await failureOf({ type: 'http', status: 429, headers: { 'Retry-After': '7' } });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfter: 7 });
  });

  it('HTTP 429 with retry-after-ms gives retryAfter in seconds', async () => {
    const error = await failureOf({ type: 'http', status: 429, headers: { 'retry-after-ms': '1500' } });
    expect(error).toMatchObject({ retryAfter: 1.5 });
  });

  it('HTTP 429 with retry-after as an HTTP date counts from the injected clock', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    const error = await failureOf({ type: 'http', status: 429, headers: { 'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT' } }, clock);
    expect(error).toMatchObject({ retryAfter: 30 });
  });

  it('HTTP 429 without retry-after leaves retryAfter undefined', async () => {
    const error = await failureOf({ type: 'http', status: 429 });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBeUndefined();
  });

  it('HTTP 400 with code context_length_exceeded is a ContextLengthExceededError', async () => {
    const body = { error: { code: 'context_length_exceeded', message: "This model's maximum context length is 8192 tokens" } };
    const error = await failureOf({ type: 'http', status: 400, body });
    expect(error).toBeInstanceOf(ContextLengthExceededError);
    expect(error).toMatchObject({ status: 400, retryable: false, code: 'context_length_exceeded' });
  });

  it('HTTP 400 with a context-window message in a JSON string body is a ContextLengthExceededError', async () => {
    const body = JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' } });
    expect(await failureOf({ type: 'http', status: 400, body })).toBeInstanceOf(ContextLengthExceededError);
  });

  it('HTTP 400 with a content-filter code is a non-retryable ContentFilteredError with the reason', async () => {
    const error = await failureOf({ type: 'http', status: 400, body: { error: { code: 'content_filter', message: 'filtered' } } });
    expect(error).toBeInstanceOf(ContentFilteredError);
    expect(error).toMatchObject({ retryable: false, reason: 'content_filter', status: 400 });
  });

  it.each([500, 502, 503, 529])('HTTP %i is a retryable ProviderHttpError', async (status) => {
    const error = await failureOf({ type: 'http', status, body: 'upstream failed' });
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect(error).toMatchObject({ status, retryable: true, code: 'http_error' });
    expect((error as ProviderHttpError).details['body']).toBe('upstream failed');
  });

  it('other 4xx statuses are non-retryable ProviderHttpErrors', async () => {
    const error = await failureOf({ type: 'http', status: 400, body: { error: { message: 'bad temperature' } } });
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect((error as Error).message).toContain('bad temperature');
  });

  it('a retry-after on a 503 is kept in details.retryAfter for the router', async () => {
    const error = await failureOf({ type: 'http', status: 503, headers: { 'retry-after': '2' } });
    expect((error as ProviderHttpError).details['retryAfter']).toBe(2);
  });
});

describe('mockProvider connection outcomes', () => {
  it('reset is a retryable ProviderError with code connection_error', async () => {
    const error = await failureOf({ type: 'reset' });
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'connection_error', retryable: true, providerId: 'p' });
  });

  it('malformed is a retryable ProviderError with code malformed_response', async () => {
    expect(await failureOf({ type: 'malformed' })).toMatchObject({ code: 'malformed_response', retryable: true });
  });

  it('error throws exactly the scripted error', async () => {
    const scripted = new Error('boom');
    expect(await failureOf({ type: 'error', error: scripted })).toBe(scripted);
  });

  it('stream-only outcomes play their whole-response analogue on a non-streamed call', async () => {
    expect(await failureOf({ type: 'stream-cut' })).toMatchObject({ code: 'connection_error' });
    expect(await failureOf({ type: 'malformed-chunk' })).toMatchObject({ code: 'malformed_response' });
    expect(await failureOf({ type: 'no-finish' })).toMatchObject({ code: 'malformed_response' });
    expect(await failureOf({ type: 'error-before-content' })).toMatchObject({ status: 529, retryable: true });
  });
});

describe('mockProvider records every call', () => {
  it('records failed calls with their request, outcome and error', async () => {
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: [{ type: 'http', status: 500 }, { type: 'ok', content: 'fine' }] });
    await provider.chat(request, providerCall(undefined, { headers: { 'x-trace': 't1' } })).catch(() => undefined);
    await provider.chat(request, providerCall());
    expect(provider.calls).toHaveLength(2);
    const [failed, ok] = [provider.calls[0], provider.calls[1]];
    expect(failed).toMatchObject({ index: 0, kind: 'chat', model: 'gpt-test', stream: false, status: 'failed', outcome: { type: 'http', status: 500 } });
    expect(failed.params).toEqual({ temperature: 0.2 });
    expect(failed.headers).toEqual({ 'x-trace': 't1' });
    expect(failed.error).toBeInstanceOf(ProviderHttpError);
    expect(failed.messages[0].content).toBe('Hi');
    expect(ok).toMatchObject({ status: 'ok', outcome: { type: 'ok' } });
    expect(ok.response?.choices[0]?.message.content).toBe('fine');
  });

  it('keeps a copy of the messages, so later changes by the caller do not rewrite it', async () => {
    const provider = mockProvider({ id: 'p', models: ['gpt-test'] });
    const messages: ChatCompletionCreateParamsNonStreaming['messages'] = [{ role: 'user', content: 'first' }];
    await provider.chat({ model: 'gpt-test', messages }, providerCall());
    messages.push({ role: 'assistant', content: 'later' });
    expect(provider.calls[0].messages).toHaveLength(1);
  });

  it('reset() forgets the calls and starts the script over', async () => {
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: [{ type: 'ok', content: 'one' }, { type: 'ok', content: 'two' }] });
    await provider.chat(request, providerCall());
    provider.reset();
    expect(provider.calls).toHaveLength(0);
    const again = await provider.chat(request, providerCall());
    expect(again.choices[0]?.message.content).toBe('one');
  });
});
