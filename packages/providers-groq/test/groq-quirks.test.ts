import type { ProviderCall, RateLimitSnapshot } from '@modelmesh/provider';
import { rateLimited, startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGroq, type ProviderWarning } from '../src/index.js';

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

function groq() {
  const warnings: ProviderWarning[] = [];
  const provider = createGroq({ apiKey: 'gsk_test', baseUrl: server.url, env: {}, onWarning: (w) => warnings.push(w) });
  return { provider, warnings };
}

describe('request bodies', () => {
  it('drops logprobs, logit_bias and top_logprobs with one warning each', async () => {
    const { provider, warnings } = groq();
    const params = { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user' as const, content: 'Hi' }], logprobs: true, top_logprobs: 3, logit_bias: { '1': 5 }, temperature: 0 };
    await provider.chat(params, call());
    await provider.chat(params, call());
    for (const index of [0, 1]) expect(body(index)).toEqual({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Hi' }], temperature: 0 });
    expect(warnings.map((w) => w.param)).toEqual(['logprobs', 'logit_bias', 'top_logprobs']);
    expect(warnings[0]).toEqual({ type: 'unsupported-param', providerId: 'groq', param: 'logprobs', message: 'Provider "Groq" does not support "logprobs"; it was removed from the request' });
  });

  it('passes n = 1 through and removes any other n with one warning', async () => {
    const { provider, warnings } = groq();
    await provider.chat({ model: 'llama-3.1-8b-instant', messages: [], n: 1 }, call());
    expect(body(0)).toEqual({ model: 'llama-3.1-8b-instant', messages: [], n: 1 });
    expect(warnings).toEqual([]);
    const answer = await provider.chat({ model: 'llama-3.1-8b-instant', messages: [], n: 3 }, call());
    expect(answer.choices).toHaveLength(1);
    await provider.chat({ model: 'llama-3.1-8b-instant', messages: [], n: 2 }, call());
    expect(body(1)).toEqual({ model: 'llama-3.1-8b-instant', messages: [] });
    expect(body(2)).toEqual({ model: 'llama-3.1-8b-instant', messages: [] });
    expect(warnings).toEqual([{ type: 'unsupported-param', providerId: 'groq', param: 'n', message: 'Provider "Groq" supports only n = 1; "n" was removed from the request, so the answer has one choice' }]);
  });

  it('applies the same rules to streams, which ask for usage', async () => {
    const { provider, warnings } = groq();
    const stream = await provider.chatStream({ model: 'llama-3.1-8b-instant', messages: [{ role: 'user', content: 'Hi' }], stream: true, n: 2, logprobs: true }, call());
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(body()).toEqual({ model: 'llama-3.1-8b-instant', messages: [{ role: 'user', content: 'Hi' }], stream: true, stream_options: { include_usage: true } });
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
    expect(warnings.map((w) => w.param)).toEqual(['logprobs', 'n']);
  });

  it("passes Groq's own and unknown parameters through untouched", async () => {
    const { provider, warnings } = groq();
    const params = { model: 'openai/gpt-oss-120b', messages: [], reasoning_effort: 'high', reasoning_format: 'parsed', include_reasoning: true, service_tier: 'flex', search_settings: { country: 'fr' } };
    await provider.chat(params as never, call());
    expect(body()).toEqual(params);
    expect(warnings).toEqual([]);
  });
});

describe("Groq's rate-limit headers", () => {
  it('reach the router: the per-day request window and the per-minute token window', async () => {
    const { provider } = groq();
    server.script({
      kind: 'ok',
      headers: {
        'x-ratelimit-limit-requests': '1000',
        'x-ratelimit-remaining-requests': '999',
        'x-ratelimit-reset-requests': '1m26.4s',
        'x-ratelimit-limit-tokens': '12000',
        'x-ratelimit-remaining-tokens': '11800',
        'x-ratelimit-reset-tokens': '1s',
      },
    });
    const seen: RateLimitSnapshot[] = [];
    const before = Date.now();
    await provider.chat({ model: 'llama-3.3-70b-versatile', messages: [] }, call({ reportRateLimit: (s) => seen.push(s) }));
    expect(seen[0]).toMatchObject({ limitRequests: 1000, remainingRequests: 999, limitTokens: 12000, remainingTokens: 11800 });
    expect(seen[0]?.resetRequestsAt).toBeGreaterThanOrEqual(before + 86_400);
    expect(seen[0]?.resetTokensAt).toBeGreaterThanOrEqual(before + 1_000);
  });

  it("turn a 429 into RateLimitError with Groq's retry-after", async () => {
    const { provider } = groq();
    server.script(rateLimited({ retryAfter: 7 }));
    const error = (await provider.chat({ model: 'llama-3.3-70b-versatile', messages: [] }, call()).catch((e: unknown) => e)) as { name: string; retryAfter?: number; retryable?: boolean };
    expect(error.name).toBe('RateLimitError');
    expect(error.retryable).toBe(true);
    expect(error.retryAfter).toBe(7);
  });
});
