import type { ChatCompletionChunk, ProviderCall } from '@modelmesh/provider';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenRouter, parseOpenRouterError } from '../src/internal.js';
import { sendJson, sendSse, startServer, type LocalServer } from './support/local-server.js';

const API_KEY = 'sk-or-v1-quirks-0001';
let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });
const body = (index = 0) => server.requests[index]?.body as Record<string, unknown>;
const openrouter = (extra: Parameters<typeof createOpenRouter>[0] = {}) => createOpenRouter({ apiKey: API_KEY, baseUrl: server.url, env: {}, ...extra });

describe('request bodies', () => {
  it('asks for usage accounting on chat requests and streams', async () => {
    await openrouter().chat({ model: 'openai/gpt-4o-mini', messages: [] }, call());
    const stream = await openrouter().chatStream({ model: 'openai/gpt-4o-mini', messages: [], stream: true }, call());
    for await (const _chunk of stream) {
      // drain
    }
    expect(body(0)).toEqual({ model: 'openai/gpt-4o-mini', messages: [], usage: { include: true } });
    expect(body(1)).toEqual({ model: 'openai/gpt-4o-mini', messages: [], usage: { include: true }, stream: true, stream_options: { include_usage: true } });
  });

  it("keeps the caller's own usage setting, and asks for nothing with usageAccounting: false", async () => {
    await openrouter().chat({ model: 'openai/gpt-4o-mini', messages: [], usage: { include: false } } as never, call());
    await openrouter({ usageAccounting: false }).chat({ model: 'openai/gpt-4o-mini', messages: [] }, call());
    expect(body(0)).toEqual({ model: 'openai/gpt-4o-mini', messages: [], usage: { include: false } });
    expect(body(1)).toEqual({ model: 'openai/gpt-4o-mini', messages: [] });
  });

  it('passes the provider-routing options through untouched', async () => {
    const params = {
      model: 'anthropic/claude-sonnet-4',
      messages: [{ role: 'user', content: 'Hi' }],
      provider: { order: ['anthropic', 'amazon-bedrock'], allow_fallbacks: false, sort: 'price', data_collection: 'deny', ignore: ['x'] },
      models: ['anthropic/claude-sonnet-4', 'openai/gpt-4o-mini'],
      route: 'fallback',
      transforms: ['middle-out'],
      reasoning: { effort: 'high', exclude: true },
      plugins: [{ id: 'web' }],
    };
    await openrouter().chat(params as never, call());
    expect(body()).toEqual({ ...params, usage: { include: true } });
  });
});

describe('attribution headers', () => {
  it('sends HTTP-Referer and X-Title from settings', async () => {
    await openrouter({ siteUrl: 'https://example.com', appName: 'My App' }).chat({ model: 'openai/gpt-4o-mini', messages: [] }, call());
    expect(server.requests[0]?.headers['http-referer']).toBe('https://example.com');
    expect(server.requests[0]?.headers['x-title']).toBe('My App');
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });

  it('reads OPENROUTER_SITE_URL and OPENROUTER_APP_NAME from the env it is given, and sends none when unset', async () => {
    await createOpenRouter({ env: { OPENROUTER_API_KEY: API_KEY, OPENROUTER_BASE_URL: server.url, OPENROUTER_SITE_URL: 'https://env.example', OPENROUTER_APP_NAME: 'Env App' } }).chat({ model: 'openai/gpt-4o-mini', messages: [] }, call());
    await openrouter().chat({ model: 'openai/gpt-4o-mini', messages: [] }, call());
    expect(server.requests[0]?.headers['http-referer']).toBe('https://env.example');
    expect(server.requests[0]?.headers['x-title']).toBe('Env App');
    expect(server.requests[1]?.headers['http-referer']).toBeUndefined();
    expect(server.requests[1]?.headers['x-title']).toBeUndefined();
  });
});

describe('answers from OpenRouter', () => {
  let local: LocalServer | undefined;
  afterEach(async () => {
    await local?.close();
    local = undefined;
  });

  const base = { id: 'gen-1', provider: 'OpenAI', model: 'openai/gpt-4o-mini', created: 1_700_000_000 };
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.0000042, is_byok: false, cost_details: { upstream_inference_cost: null } };

  it('hands usage.cost through in completions and in the last chunk of a stream', async () => {
    local = await startServer((_req, res, body) => {
      if ((body as { stream?: boolean }).stream) {
        sendSse(res, [
          { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] },
          { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
          { ...base, object: 'chat.completion.chunk', choices: [], usage },
        ]);
      } else {
        sendJson(res, { ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }], usage });
      }
    });
    const provider = openrouter({ baseUrl: local.url });
    const answer = await provider.chat({ model: 'openai/gpt-4o-mini', messages: [] }, call());
    expect((answer.usage as { cost?: number } | undefined)?.cost).toBe(0.0000042);
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await provider.chatStream({ model: 'openai/gpt-4o-mini', messages: [], stream: true }, call())) chunks.push(chunk);
    expect((chunks.at(-1)?.usage as { cost?: number } | undefined)?.cost).toBe(0.0000042);
  });

  it('turns a mid-stream error chunk into a typed, retryable error after the content before it', async () => {
    local = await startServer((_req, res) =>
      sendSse(res, [
        { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: 'Par' }, finish_reason: null }] },
        { ...base, object: 'chat.completion.chunk', error: { code: 'server_error', message: 'Provider disconnected unexpectedly' }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] },
      ]),
    );
    const stream = await openrouter({ baseUrl: local.url }).chatStream({ model: 'openai/gpt-4o-mini', messages: [], stream: true }, call());
    const seen: ChatCompletionChunk[] = [];
    const error = (await (async () => {
      for await (const chunk of stream) seen.push(chunk);
    })().catch((e: unknown) => e)) as { name: string; code?: string; retryable?: boolean; message: string };
    expect(seen.map((c) => c.choices[0]?.delta.content)).toEqual(['Par']);
    expect(error.name).toBe('ProviderError');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('Provider disconnected unexpectedly');
    expect(error.message).not.toContain(API_KEY);
  });

  it('maps a mid-stream rate limit to RateLimitError', async () => {
    local = await startServer((_req, res) =>
      sendSse(res, [{ ...base, object: 'chat.completion.chunk', error: { code: 429, message: 'Rate limit exceeded upstream' }, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] }]),
    );
    const stream = await openrouter({ baseUrl: local.url }).chatStream({ model: 'openai/gpt-4o-mini', messages: [], stream: true }, call());
    const error = (await (async () => {
      for await (const _chunk of stream) {
        // drain
      }
    })().catch((e: unknown) => e)) as { name: string };
    expect(error.name).toBe('RateLimitError');
  });
});

describe('errors', () => {
  const upstream429 = {
    error: {
      message: 'Provider returned error',
      code: 429,
      metadata: { raw: 'meta-llama/llama-3.3-70b-instruct:free is temporarily rate-limited upstream.', provider_name: 'Venice', is_byok: false, retry_after_seconds: 17 },
    },
  };

  it("quotes the upstream provider and its message, with OpenRouter's retry_after_seconds", async () => {
    server.script({ kind: 'status', status: 429, body: upstream429 });
    const error = (await openrouter().chat({ model: 'meta-llama/llama-3.3-70b-instruct:free', messages: [] }, call()).catch((e: unknown) => e)) as { name: string; message: string; retryAfter?: number };
    expect(error.name).toBe('RateLimitError');
    expect(error.message).toContain('Provider returned error (Venice): meta-llama/llama-3.3-70b-instruct:free is temporarily rate-limited upstream.');
    expect(error.retryAfter).toBe(17);
  });

  it('leaves plain errors as provider-kit reads them', () => {
    expect(parseOpenRouterError({ error: { code: 401, message: 'No auth credentials found' } })).toMatchObject({ message: 'No auth credentials found', status: 401 });
    expect(parseOpenRouterError(JSON.stringify(upstream429))?.message).toBe('Provider returned error (Venice): meta-llama/llama-3.3-70b-instruct:free is temporarily rate-limited upstream. (retry after 17s)');
    expect(parseOpenRouterError('not json')).toBeUndefined();
  });
});
