import { ContextLengthExceededError, ProviderError, RateLimitError, type ChatCompletionChunk, type ProviderCall, type RateLimitSnapshot } from '@modelmesh/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, type ProviderWarning } from '../src/index.js';
import { type Handler, type LocalServer, sse, startServer } from './support/local-server.js';
import { completion, sendJson, streamEvents } from './support/openai-wire.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<LocalServer> {
  server = await startServer(handler);
  return server;
}

const call = (extra: Partial<ProviderCall> = {}): ProviderCall => ({ signal: new AbortController().signal, timeouts: {}, ...extra });

async function collect(iterable: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const out: ChatCompletionChunk[] = [];
  for await (const chunk of iterable) out.push(chunk);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createOpenAICompatibleProvider', () => {
  it('sends the request as given, unknown params included, with auth, headers and query', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, completion('hi')));
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, apiKey: 'key-123456', headers: { 'x-extra': '1' }, query: { v: '2' } });
    const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hello' }], temperature: 0.2, top_k: 40, repetition_penalty: 1.1 };
    const answer = await provider.chat(request, call({ headers: { 'x-trace': 't' } }));
    expect(answer.choices[0]?.message.content).toBe('hi');
    const [seen] = s.requests;
    expect(seen?.url).toBe('/v1/chat/completions?v=2');
    expect(JSON.parse(seen?.body ?? '')).toEqual(request);
    expect(seen?.headers['authorization']).toBe('Bearer key-123456');
    expect(seen?.headers['x-extra']).toBe('1');
    expect(seen?.headers['x-trace']).toBe('t');
  });

  it('sends no Authorization header without a key', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, completion('hi')));
    await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chat({ model: 'm', messages: [] }, call());
    expect(s.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('drops unsupported params and warns once per param', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, completion('hi')));
    const warnings: ProviderWarning[] = [];
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, dropParams: ['logprobs', 'seed'], onWarning: (w) => warnings.push(w) });
    await provider.chat({ model: 'm', messages: [], logprobs: true, seed: 1, temperature: 1 }, call());
    await provider.chat({ model: 'm', messages: [], logprobs: true }, call());
    expect(JSON.parse(s.requests[0]?.body ?? '')).toEqual({ model: 'm', messages: [], temperature: 1 });
    expect(warnings.map((w) => w.param)).toEqual(['logprobs', 'seed']);
    expect(warnings[0]?.type).toBe('unsupported-param');
  });

  it('lets transformRequest rewrite the body', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, completion('hi')));
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, transformRequest: (body, kind) => ({ ...body, kind }) });
    await provider.chat({ model: 'm', messages: [] }, call());
    expect(JSON.parse(s.requests[0]?.body ?? '')).toMatchObject({ kind: 'chat' });
  });

  it('streams chunks as they arrive and asks for usage', async () => {
    const s = await serve((_req, res) => sse(res, streamEvents(['Hel', 'lo'])));
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url });
    const chunks = await collect(await provider.chatStream({ model: 'm', messages: [], stream: true, stream_options: { include_obfuscation: false } }, call()));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? null)).toEqual(['', 'Hel', 'lo', null, null]);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(7);
    expect(JSON.parse(s.requests[0]?.body ?? '')).toEqual({ model: 'm', messages: [], stream: true, stream_options: { include_obfuscation: false, include_usage: true } });
    expect(s.requests[0]?.headers['accept']).toBe('text/event-stream');
  });

  it('leaves stream_options out when streamUsage is off', async () => {
    const s = await serve((_req, res) => sse(res, streamEvents(['a'])));
    await collect(await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, streamUsage: false }).chatStream({ model: 'm', messages: [], stream: true }, call()));
    expect(JSON.parse(s.requests[0]?.body ?? '')).toEqual({ model: 'm', messages: [], stream: true });
  });

  it('yields the first chunk before the server has finished', async () => {
    let finish: () => void = () => undefined;
    const s = await serve((_req, res) => {
      const [first, ...rest] = streamEvents(['a', 'b']);
      sse(res, [first ?? ''], false);
      finish = () => {
        for (const piece of rest) res.write(piece);
        res.end();
      };
    });
    const iterator = (await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chatStream({ model: 'm', messages: [], stream: true }, call()))[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.choices[0]?.delta.role).toBe('assistant');
    finish();
    let count = 1;
    while (!(await iterator.next()).done) count++;
    expect(count).toBe(5);
  });

  it('turns an in-stream error event into a typed error', async () => {
    const s = await serve((_req, res) => {
      const events = streamEvents(['a'], { done: false, usage: false }).slice(0, 2);
      sse(res, [...events, `data: ${JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit_error', code: 'rate_limit_exceeded' } })}\n\n`]);
    });
    const stream = await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chatStream({ model: 'm', messages: [], stream: true }, call());
    const seen: ChatCompletionChunk[] = [];
    const error = await rejection((async () => { for await (const c of stream) seen.push(c); })());
    expect(seen).toHaveLength(2);
    expect(RateLimitError.isInstance(error)).toBe(true);
  });

  it('fails a stream that ends without [DONE] before its finish chunk', async () => {
    const s = await serve((_req, res) => sse(res, streamEvents(['a'], { done: false, usage: false }).slice(0, 2)));
    const stream = await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chatStream({ model: 'm', messages: [], stream: true }, call());
    const error = await rejection(collect(stream));
    expect((error as ProviderError).code).toBe('connection_error');
    expect((error as ProviderError).retryable).toBe(true);
  });

  it('completes a stream that ends without [DONE] after every choice finished', async () => {
    const s = await serve((_req, res) => sse(res, streamEvents(['a'], { done: false, usage: false })));
    const stream = await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chatStream({ model: 'm', messages: [], stream: true }, call());
    expect(await collect(stream)).toHaveLength(3);
  });

  it('with requireDone, fails any stream that ends without [DONE]', async () => {
    const s = await serve((_req, res) => sse(res, streamEvents(['a'], { done: false })));
    const stream = await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, requireDone: true }).chatStream({ model: 'm', messages: [], stream: true }, call());
    expect(((await rejection(collect(stream))) as ProviderError).code).toBe('connection_error');
  });

  it('rejects the stream promise itself on an HTTP error, before any chunk', async () => {
    const s = await serve((_req, res) => sendJson(res, 400, { error: { message: "This model's maximum context length is 4096 tokens", code: 'context_length_exceeded' } }));
    const error = await rejection(createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chatStream({ model: 'm', messages: [], stream: true }, call()));
    expect(ContextLengthExceededError.isInstance(error)).toBe(true);
  });

  it('serves a JSON answer to a stream request as chunks', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, completion('whole')));
    const chunks = await collect(await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chatStream({ model: 'm', messages: [], stream: true }, call()));
    expect(chunks.map((c) => c.choices[0]?.delta.content).join('')).toBe('whole');
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
  });

  it('releases the connection when the consumer stops early', async () => {
    const s = await serve((_req, res) => sse(res, streamEvents(['a', 'b']).slice(0, 2), false));
    const stream = await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chatStream({ model: 'm', messages: [], stream: true }, call());
    for await (const _chunk of stream) break;
    await s.clientClosed;
  });

  it('propagates an abort of the call signal mid-stream and closes the connection', async () => {
    const s = await serve((_req, res) => sse(res, streamEvents(['a']).slice(0, 2), false));
    const controller = new AbortController();
    const stream = await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chatStream({ model: 'm', messages: [], stream: true }, call({ signal: controller.signal }));
    const reason = new Error('caller stop');
    const error = await rejection((async () => { for await (const _c of stream) controller.abort(reason); })());
    expect(error).toBe(reason);
    await s.clientClosed;
  });

  it('reports rate-limit headers through the call', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, completion('x'), { 'x-ratelimit-remaining-tokens': '99' }));
    const seen: RateLimitSnapshot[] = [];
    await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).chat({ model: 'm', messages: [] }, call({ reportRateLimit: (r) => seen.push(r) }));
    expect(seen).toEqual([{ remainingTokens: 99 }]);
  });

  it('treats a 200 error body as the typed error and a non-completion as malformed', async () => {
    let body: unknown = { error: { message: 'context_length_exceeded: too long', code: 'context_length_exceeded' } };
    const s = await serve((_req, res) => sendJson(res, 200, body));
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url });
    expect(ContextLengthExceededError.isInstance(await rejection(provider.chat({ model: 'm', messages: [] }, call())))).toBe(true);
    body = { hello: 'world' };
    expect(((await rejection(provider.chat({ model: 'm', messages: [] }, call()))) as ProviderError).code).toBe('malformed_response');
  });

  it('creates embeddings and fills in missing usage', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, { object: 'list', model: 'e', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }] }));
    const result = await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url }).embed({ model: 'e', input: 'x' }, call());
    expect(result.data[0]?.embedding).toEqual([0.1, 0.2]);
    expect(result.usage).toEqual({ prompt_tokens: 0, total_tokens: 0 });
    expect(s.requests[0]?.url).toBe('/v1/embeddings');
    expect(JSON.parse(s.requests[0]?.body ?? '')).toEqual({ model: 'e', input: 'x' });
  });

  it('lists models, keeping configured specs and guessing the rest', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, { object: 'list', data: [{ id: 'llama', object: 'model' }, { id: 'nomic-embed-text', object: 'model' }, { id: 'known', object: 'model' }] }));
    const known = { id: 'known', capabilities: ['chat-completion', 'tool-calling'], contextWindow: 8192 };
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, models: [known] });
    expect(await provider.listModels()).toEqual([{ id: 'llama', capabilities: ['chat-completion'] }, { id: 'nomic-embed-text', capabilities: ['text-embeddings'] }, known]);
    expect(s.requests[0]?.method).toBe('GET');
    expect(provider.models).toEqual([known]);
  });

  it('never puts the API key in an error', async () => {
    const key = 'local-key-abcdef0123';
    const s = await serve((req, res) => sendJson(res, 401, { error: { message: `bad key ${req.headers['authorization']}` } }));
    const error = (await rejection(createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, apiKey: key }).chat({ model: 'm', messages: [] }, call()))) as ProviderError;
    expect(error.name).toBe('AuthenticationError');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(key);
  });

  it('close() aborts requests in flight', async () => {
    const s = await serve(() => undefined);
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url });
    const pending = provider.chat({ model: 'm', messages: [] }, call());
    setImmediate(() => void provider.close());
    expect(ProviderError.isInstance(await rejection(pending))).toBe(true);
  });
});
