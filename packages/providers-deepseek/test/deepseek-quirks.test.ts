import type { ChatCompletionChunk, ProviderCall } from '@modelmesh/provider';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeepSeek, type ProviderWarning } from '../src/index.js';
import { sendJson, sendSse, startServer, type LocalServer } from './support/local-server.js';

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

function deepseek(baseUrl = server.url) {
  const warnings: ProviderWarning[] = [];
  const provider = createDeepSeek({ apiKey: 'sk-ds', baseUrl, env: {}, onWarning: (w) => warnings.push(w) });
  return { provider, warnings };
}

describe('request bodies', () => {
  it('sends max_completion_tokens as max_tokens, an explicit max_tokens winning', async () => {
    const { provider } = deepseek();
    await provider.chat({ model: 'deepseek-chat', messages: [], max_completion_tokens: 50 }, call());
    await provider.chat({ model: 'deepseek-chat', messages: [], max_completion_tokens: 50, max_tokens: 20 }, call());
    expect(body(0)).toEqual({ model: 'deepseek-chat', messages: [], max_tokens: 50 });
    expect(body(1)).toEqual({ model: 'deepseek-chat', messages: [], max_tokens: 20 });
  });

  it('removes logprobs and top_logprobs for deepseek-reasoner only, warning once per parameter', async () => {
    const { provider, warnings } = deepseek();
    const params = { messages: [{ role: 'user' as const, content: 'Why?' }], logprobs: true, top_logprobs: 2, temperature: 0.5 };
    await provider.chat({ model: 'deepseek-reasoner', ...params }, call());
    await provider.chat({ model: 'deepseek-reasoner', ...params }, call());
    await provider.chat({ model: 'deepseek-chat', ...params }, call());
    expect(body(0)).toEqual({ model: 'deepseek-reasoner', messages: [{ role: 'user', content: 'Why?' }], temperature: 0.5 });
    expect(body(1)).toEqual(body(0));
    expect(body(2)).toEqual({ model: 'deepseek-chat', ...params });
    expect(warnings).toEqual([
      { type: 'unsupported-param', providerId: 'deepseek', param: 'logprobs', message: 'Provider "DeepSeek" does not support "logprobs" with deepseek-reasoner; it was removed from the request' },
      { type: 'unsupported-param', providerId: 'deepseek', param: 'top_logprobs', message: 'Provider "DeepSeek" does not support "top_logprobs" with deepseek-reasoner; it was removed from the request' },
    ]);
  });

  it('sends replayed reasoning_content as given, and passes unknown parameters through', async () => {
    const { provider } = deepseek();
    const params = {
      model: 'deepseek-reasoner',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, reasoning_content: 'Need the tool.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      ],
      thinking: { type: 'enabled' },
    };
    await provider.chat(params as never, call());
    expect(body()).toEqual(params);
  });

  it('releases the connection when a stream consumer stops early', async () => {
    const { provider } = deepseek();
    server.script({ kind: 'ok', chunks: ['a', 'b', 'c', 'd'], chunkDelayMs: 20 });
    const stream = await provider.chatStream({ model: 'deepseek-chat', messages: [], stream: true }, call());
    for await (const _chunk of stream) break;
    const record = server.requests[0];
    if (!record) throw new Error('no request');
    expect(await server.waitForEnd(record)).toBe('client-closed');
  });
});

describe('answers from DeepSeek', () => {
  let local: LocalServer | undefined;
  afterEach(async () => {
    await local?.close();
    local = undefined;
  });

  const base = { id: 'ds-1', created: 1_700_000_000, model: 'deepseek-reasoner', system_fingerprint: 'fp_1' };
  const dsUsage = { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100, completion_tokens_details: { reasoning_tokens: 60 }, prompt_cache_hit_tokens: 800, prompt_cache_miss_tokens: 200 };

  it('keeps reasoning_content out of content, and reports cache hits as cached_tokens', async () => {
    local = await startServer((_req, res) =>
      sendJson(res, {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Paris.', reasoning_content: 'The capital of France is Paris.' }, logprobs: null, finish_reason: 'stop' }],
        usage: dsUsage,
      }),
    );
    const answer = await deepseek(local.url).provider.chat({ model: 'deepseek-reasoner', messages: [{ role: 'user', content: 'Capital of France?' }] }, call());
    const message = answer.choices[0]?.message as { content: string | null; reasoning_content?: string };
    expect(message.content).toBe('Paris.');
    expect(message.reasoning_content).toBe('The capital of France is Paris.');
    expect(answer.usage).toMatchObject({ prompt_tokens: 1000, prompt_tokens_details: { cached_tokens: 800 }, prompt_cache_hit_tokens: 800 });
  });

  it('streams reasoning_content deltas apart from content deltas', async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
    local = await startServer((_req, res) =>
      sendSse(res, [
        chunk({ role: 'assistant', content: null, reasoning_content: '' }),
        chunk({ content: null, reasoning_content: 'Think' }),
        chunk({ content: null, reasoning_content: 'ing.' }),
        chunk({ content: 'Hel', reasoning_content: null }),
        chunk({ content: 'lo', reasoning_content: null }),
        chunk({ content: '', reasoning_content: null }, 'stop'),
        { ...base, object: 'chat.completion.chunk', choices: [], usage: dsUsage },
      ]),
    );
    const stream = await deepseek(local.url).provider.chatStream({ model: 'deepseek-reasoner', messages: [], stream: true }, call());
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const deltas = chunks.flatMap((c) => c.choices.map((choice) => choice.delta as { content?: string | null; reasoning_content?: string | null }));
    expect(deltas.map((d) => d.content ?? '').join('')).toBe('Hello');
    expect(deltas.map((d) => d.reasoning_content ?? '').join('')).toBe('Thinking.');
    expect(chunks.at(-1)?.usage?.prompt_tokens_details?.cached_tokens).toBe(800);
    expect(local.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});

describe('prefix completion (assistant prefill)', () => {
  let local: LocalServer | undefined;
  afterEach(async () => {
    await local?.close();
    local = undefined;
  });

  it('sends a request ending in a prefix: true assistant message to the beta endpoint, everything else to the main one', async () => {
    local = await startServer((_req, res) =>
      sendJson(res, { id: 'ds-2', object: 'chat.completion', created: 1, model: 'deepseek-chat', choices: [{ index: 0, message: { role: 'assistant', content: 'France.' }, logprobs: null, finish_reason: 'stop' }] }),
    );
    const { provider } = deepseek(local.url);
    const messages = [{ role: 'user' as const, content: 'Capital of France?' }];
    await provider.chat({ model: 'deepseek-chat', messages }, call());
    await provider.chat({ model: 'deepseek-chat', messages: [...messages, { role: 'assistant', content: 'Paris, the capital of ', prefix: true }] }, call());
    // an assistant message without the mark is ordinary history
    await provider.chat({ model: 'deepseek-chat', messages: [...messages, { role: 'assistant', content: 'Paris.' }] }, call());
    expect(local.requests.map((r) => r.url)).toEqual(['/v1/chat/completions', '/beta/chat/completions', '/v1/chat/completions']);
    expect((local.requests[1]?.body as { messages: unknown[] }).messages.at(-1)).toEqual({ role: 'assistant', content: 'Paris, the capital of ', prefix: true });
    await provider.close();
  });
});
