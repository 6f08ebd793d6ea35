import type { ProviderCall, RateLimitSnapshot } from '@modelmesh/provider';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMistral, parseMistralError, type ProviderWarning } from '../src/internal.js';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const call = (extra: Partial<ProviderCall> = {}): ProviderCall => ({ signal: new AbortController().signal, timeouts: {}, ...extra });
const body = (index = 0) => server.requests[index]?.body as Record<string, unknown>;

function mistral() {
  const warnings: ProviderWarning[] = [];
  const provider = createMistral({ apiKey: 'k-mistral', baseUrl: server.url, env: {}, onWarning: (w) => warnings.push(w) });
  return { provider, warnings };
}

describe('request bodies', () => {
  it('renames max_completion_tokens and seed, and drops what Mistral rejects with one warning each', async () => {
    const { provider, warnings } = mistral();
    const params = {
      model: 'mistral-small-latest',
      messages: [{ role: 'user' as const, content: 'Hi' }],
      max_completion_tokens: 100,
      seed: 7,
      temperature: 0.3,
      logit_bias: { '42': 1 },
      logprobs: true,
      top_logprobs: 2,
      store: true,
      service_tier: 'auto' as const,
      user: 'u-1',
      metadata: { a: 'b' },
    };
    await provider.chat(params, call());
    await provider.chat(params, call());
    for (const index of [0, 1]) {
      expect(body(index)).toEqual({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 100, random_seed: 7, temperature: 0.3 });
    }
    expect(warnings.map((w) => w.param)).toEqual(['logit_bias', 'logprobs', 'top_logprobs', 'store', 'service_tier', 'metadata', 'user']);
    expect(warnings[0]).toMatchObject({ type: 'unsupported-param', providerId: 'mistral', message: 'Provider "Mistral" does not support "logit_bias"; it was removed from the request' });
  });

  it('keeps an explicit max_tokens over max_completion_tokens', async () => {
    const { provider } = mistral();
    await provider.chat({ model: 'mistral-small-latest', messages: [], max_tokens: 10, max_completion_tokens: 99 }, call());
    expect(body()).toEqual({ model: 'mistral-small-latest', messages: [], max_tokens: 10 });
  });

  it('passes Mistral-only and unknown parameters through untouched', async () => {
    const { provider, warnings } = mistral();
    const params = { model: 'mistral-small-latest', messages: [], safe_prompt: true, prompt_mode: 'reasoning', prediction: { type: 'content', content: 'x' }, tool_choice: 'any' };
    await provider.chat(params as never, call());
    expect(body()).toEqual(params);
    expect(warnings).toEqual([]);
  });

  it('never asks for stream usage, and drops a stream_options the caller set (once)', async () => {
    const { provider, warnings } = mistral();
    for (let i = 0; i < 2; i++) {
      const stream = await provider.chatStream({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } }, call());
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe('Echo: Hi');
      expect(body(i)).toEqual({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    }
    expect(warnings.map((w) => w.param)).toEqual(['stream_options']);
  });

  it('strips output-only fields other vendors put on assistant messages', async () => {
    const { provider } = mistral();
    const messages = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello', reasoning_content: 'thinking...', refusal: null, annotations: [] },
      { role: 'user', content: 'Again' },
    ];
    await provider.chat({ model: 'mistral-small-latest', messages } as never, call());
    expect(body()['messages']).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: 'Again' },
    ]);
  });

  it('renames dimensions to output_dimension for embeddings and drops user', async () => {
    const { provider, warnings } = mistral();
    const result = await provider.embed({ model: 'mistral-embed', input: ['a', 'b'], dimensions: 256, user: 'u' }, call());
    expect(result.data).toHaveLength(2);
    expect(server.requests[0]?.path).toBe('/v1/embeddings');
    expect(body()).toEqual({ model: 'mistral-embed', input: ['a', 'b'], output_dimension: 256 });
    expect(warnings.map((w) => w.param)).toEqual(['user']);
  });

  it("runs the caller's own transformRequest after Mistral's renames", async () => {
    const provider = createMistral({ apiKey: 'k', baseUrl: server.url, env: {}, transformRequest: (b) => ({ ...b, safe_prompt: true }) });
    await provider.chat({ model: 'mistral-small-latest', messages: [], seed: 1 }, call());
    expect(body()).toEqual({ model: 'mistral-small-latest', messages: [], random_seed: 1, safe_prompt: true });
  });
});

describe('rate-limit headers', () => {
  const completion = { id: 'c1', object: 'chat.completion', created: 1, model: 'mistral-small-latest', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] };

  it("reports Mistral's per-minute windows to the router", async () => {
    const { provider } = mistral();
    server.script({
      kind: 'status',
      status: 200,
      body: completion,
      headers: { 'x-ratelimit-limit-req-minute': '60', 'x-ratelimit-remaining-req-minute': '59', 'x-ratelimit-limit-tokens-minute': '50000', 'x-ratelimit-remaining-tokens-minute': '47196' },
    });
    const seen: RateLimitSnapshot[] = [];
    const before = Date.now();
    const answer = await provider.chat({ model: 'mistral-small-latest', messages: [] }, call({ reportRateLimit: (s) => seen.push(s) }));
    expect(answer.choices[0]?.message.content).toBe('ok');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ limitRequests: 60, remainingRequests: 59, limitTokens: 50000, remainingTokens: 47196 });
    // The reset is the end of the one-minute window at the latest.
    expect(seen[0]?.resetRequestsAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(seen[0]?.resetTokensAt).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('reports an exhausted window on a 429 too, and the error is a RateLimitError', async () => {
    const { provider } = mistral();
    server.script({ kind: 'status', status: 429, body: { message: 'Requests rate limit exceeded' }, headers: { 'x-ratelimit-limit-req-minute': '60', 'x-ratelimit-remaining-req-minute': '0' } });
    const seen: RateLimitSnapshot[] = [];
    const error = await provider.chat({ model: 'mistral-small-latest', messages: [] }, call({ reportRateLimit: (s) => seen.push(s) })).catch((e: unknown) => e);
    expect((error as Error).name).toBe('RateLimitError');
    expect((error as Error).message).toContain('Requests rate limit exceeded');
    expect(seen[0]).toMatchObject({ limitRequests: 60, remainingRequests: 0 });
  });

  it('leaves standard x-ratelimit-* headers as they are', async () => {
    const { provider } = mistral();
    const seen: RateLimitSnapshot[] = [];
    await provider.chat({ model: 'mistral-small-latest', messages: [] }, call({ reportRateLimit: (s) => seen.push(s) }));
    expect(seen[0]).toMatchObject({ limitRequests: 10000, remainingRequests: 9999 });
  });
});

describe('errors', () => {
  const validation = {
    object: 'error',
    message: { detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options', 'include_usage'], msg: 'Extra inputs are not permitted', input: true }] },
    type: 'invalid_request_error',
    param: null,
    code: null,
  };

  it('names the offending fields of a 422 validation error', async () => {
    const { provider } = mistral();
    server.script({ kind: 'status', status: 422, body: validation });
    const error = (await provider.chat({ model: 'mistral-small-latest', messages: [] }, call()).catch((e: unknown) => e)) as Error & { status?: number; retryable?: boolean };
    expect(error.name).toBe('ProviderHttpError');
    expect(error.status).toBe(422);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('body.stream_options.include_usage: Extra inputs are not permitted');
  });

  it('reads the detail in every shape Mistral has sent it', () => {
    expect(parseMistralError(validation)?.message).toBe('body.stream_options.include_usage: Extra inputs are not permitted');
    const older = { object: 'error', message: JSON.stringify({ detail: [{ loc: ['body', 'frequency_penalty'], msg: 'Extra inputs are not permitted' }] }), type: 'internal_error_proxy', code: '1000' };
    expect(parseMistralError(JSON.stringify(older))).toMatchObject({ message: 'body.frequency_penalty: Extra inputs are not permitted', type: 'internal_error_proxy' });
    const asArray = { object: 'Error', detail: [{ loc: ['body', 'tools'], msg: 'Extra inputs are not permitted' }], message: [{ loc: ['body', 'tools'], msg: 'Extra inputs are not permitted' }], type: 'invalid_request_error', code: 3001 };
    expect(parseMistralError(asArray)?.message).toBe('body.tools: Extra inputs are not permitted');
    expect(parseMistralError({ message: 'Unauthorized', request_id: 'r' })?.message).toBe('Unauthorized');
    expect(parseMistralError('<html>bad gateway</html>')).toBeUndefined();
  });
});
