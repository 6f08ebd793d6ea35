import type { ProviderCall } from '@modelmesh/provider';
import { startFakeAnthropicServer, type FakeAnthropicServer } from '@modelmesh/testing/servers';
import { contentDeltas, drain, finishReasons } from '@modelmesh/testing/vitest';
import { isKnown } from 'modelmesh/capabilities';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANTHROPIC_MODELS, createAnthropic, messageToCompletion, providerPlugin } from '../src/internal.js';

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });

/** A fetch that records what it was asked and answers an empty Message. */
function recordingFetch() {
  const seen: { url: string; headers: Headers; body: Record<string, unknown> }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    seen.push({ url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown> });
    const message = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
    return new Response(JSON.stringify(message), { headers: { 'content-type': 'application/json' } });
  };
  return { fetch, seen };
}

const hi = { model: 'claude-haiku-4-5', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('createAnthropic', () => {
  it('defaults to api.anthropic.com, id anthropic, connector anthropic.claude.v1, x-api-key and anthropic-version', async () => {
    const { fetch, seen } = recordingFetch();
    const anthropic = createAnthropic({ apiKey: 'sk-ant-a', fetch, env: {} });
    expect(anthropic.id).toBe('anthropic');
    expect(anthropic.connector).toBe('anthropic.claude.v1');
    expect(anthropic.models).toBe(ANTHROPIC_MODELS);
    await anthropic.chat(hi, call());
    expect(seen[0]?.url).toBe('https://api.anthropic.com/v1/messages');
    expect(seen[0]?.headers.get('x-api-key')).toBe('sk-ant-a');
    expect(seen[0]?.headers.get('anthropic-version')).toBe('2023-06-01');
    expect(seen[0]?.headers.get('authorization')).toBeNull();
    expect(seen[0]?.headers.get('anthropic-dangerous-direct-browser-access')).toBeNull();
  });

  it('reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL from the environment it is given, and takes a base URL with or without /v1', async () => {
    const { fetch, seen } = recordingFetch();
    await createAnthropic({ fetch, env: { ANTHROPIC_API_KEY: 'sk-ant-env', ANTHROPIC_BASE_URL: 'http://proxy.test/anthropic/' } }).chat(hi, call());
    await createAnthropic({ fetch, env: {}, apiKey: 'sk-ant-explicit', baseUrl: 'http://proxy.test/v1/' }).chat(hi, call());
    expect(seen.map((s) => s.url)).toEqual(['http://proxy.test/anthropic/v1/messages', 'http://proxy.test/v1/messages']);
    expect(seen.map((s) => s.headers.get('x-api-key'))).toEqual(['sk-ant-env', 'sk-ant-explicit']);
  });

  it('sends extra headers, a configured version, and the browser header when asked', async () => {
    const { fetch, seen } = recordingFetch();
    const anthropic = createAnthropic({ apiKey: 'k-1234', fetch, env: {}, anthropicVersion: '2026-10-21', dangerouslyAllowBrowser: true, headers: { 'anthropic-beta': 'context-1m-2025-08-07' } });
    await anthropic.chat(hi, { ...call(), headers: { 'x-trace': 't1' } });
    expect(seen[0]?.headers.get('anthropic-version')).toBe('2026-10-21');
    expect(seen[0]?.headers.get('anthropic-beta')).toBe('context-1m-2025-08-07');
    expect(seen[0]?.headers.get('anthropic-dangerous-direct-browser-access')).toBe('true');
    expect(seen[0]?.headers.get('x-trace')).toBe('t1');
  });

  it('defaults max_tokens to the model limit, a configured default, or 4096 for unknown models', async () => {
    const { fetch, seen } = recordingFetch();
    await createAnthropic({ apiKey: 'k', fetch, env: {} }).chat({ ...hi, model: 'claude-opus-4-6' }, call());
    await createAnthropic({ apiKey: 'k', fetch, env: {} }).chat({ ...hi, model: 'claude-from-the-future' }, call());
    await createAnthropic({ apiKey: 'k', fetch, env: {}, defaultMaxTokens: 2048 }).chat({ ...hi, model: 'claude-opus-4-6' }, call());
    await createAnthropic({ apiKey: 'k', fetch, env: {}, models: [{ id: 'claude-custom', capabilities: ['chat-completion'], maxOutputTokens: 777 }] }).chat({ ...hi, model: 'claude-custom' }, call());
    expect(seen.map((s) => s.body['max_tokens'])).toEqual([128_000, 4096, 2048, 777]);
  });
});

describe('providerPlugin', () => {
  it('declares Anthropic for config and detection', () => {
    expect(providerPlugin.connector).toBe('anthropic.claude.v1');
    expect(providerPlugin.aliases).toEqual(['anthropic', 'anthropic.llm.v1']);
    expect(providerPlugin.envVars).toEqual(['ANTHROPIC_API_KEY']);
    expect(providerPlugin.defaultId).toBe('anthropic');
    expect(providerPlugin.models).toBe(ANTHROPIC_MODELS);
  });

  it('detects Anthropic from ANTHROPIC_API_KEY, with ANTHROPIC_BASE_URL', () => {
    expect(providerPlugin.detect?.({})).toBeUndefined();
    expect(providerPlugin.detect?.({ ANTHROPIC_BASE_URL: 'http://x' })).toBeUndefined();
    expect(providerPlugin.detect?.({ ANTHROPIC_API_KEY: ' sk-ant-1 ', ANTHROPIC_BASE_URL: 'http://x' })).toEqual({ apiKey: 'sk-ant-1', baseUrl: 'http://x' });
  });

  it('creates from config options and options.env, never from process.env', async () => {
    const { fetch, seen } = recordingFetch();
    process.env['ANTHROPIC_BASE_URL'] = 'http://from-process.test';
    try {
      const provider = providerPlugin.create({ id: 'claude-2', apiKey: 'sk-ant-cfg', fetch, env: {}, options: { default_max_tokens: 99, anthropic_version: '2023-06-01' } });
      expect(provider.id).toBe('claude-2');
      await provider.chat(hi, call());
      const fromEnv = providerPlugin.create({ id: 'claude-3', fetch, env: { ANTHROPIC_API_KEY: 'sk-ant-envopt', ANTHROPIC_BASE_URL: 'http://env-option.test' } });
      await fromEnv.chat(hi, call());
    } finally {
      delete process.env['ANTHROPIC_BASE_URL'];
    }
    expect(seen.map((s) => s.url)).toEqual(['https://api.anthropic.com/v1/messages', 'http://env-option.test/v1/messages']);
    expect(seen.map((s) => s.headers.get('x-api-key'))).toEqual(['sk-ant-cfg', 'sk-ant-envopt']);
    expect(seen[0]?.body['max_tokens']).toBe(99);
  });
});

describe('ANTHROPIC_MODELS', () => {
  it('uses only capability names the taxonomy knows', () => {
    for (const model of ANTHROPIC_MODELS) for (const capability of model.capabilities) expect(isKnown(capability), `${model.id}: ${capability}`).toBe(true);
  });

  it('has unique ids, prices (cached input below input), context windows and output limits', () => {
    expect(new Set(ANTHROPIC_MODELS.map((m) => m.id)).size).toBe(ANTHROPIC_MODELS.length);
    for (const model of ANTHROPIC_MODELS) {
      expect(model.pricing?.input, model.id).toBeGreaterThan(0);
      expect(model.pricing?.output, model.id).toBeGreaterThan(model.pricing?.input ?? Infinity);
      expect(model.pricing?.cachedInput, model.id).toBeLessThan(model.pricing?.input ?? 0);
      expect(model.contextWindow, model.id).toBeGreaterThanOrEqual(200_000);
      expect(model.maxOutputTokens, model.id).toBeGreaterThan(0);
      expect(model.features).toMatchObject({ tools: true, vision: true, json: true, streaming: true });
      expect(model.capabilities).toEqual(expect.arrayContaining(['chat-completion', 'tool-calling', 'image-to-text']));
    }
  });
});

describe('against the fake Anthropic server', () => {
  let server: FakeAnthropicServer;
  const provider = () => createAnthropic({ apiKey: 'sk-ant-provider-test', baseUrl: server.url, env: {} });
  beforeAll(async () => {
    server = await startFakeAnthropicServer({ apiKey: 'sk-ant-provider-test', models: ['claude-haiku-4-5', 'claude-opus-4-6', 'claude-new-9'] });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('json_schema: the response tool’s input comes back as the content, finish reason stop', async () => {
    server.script({ kind: 'ok', toolUses: [{ name: 'city', input: { name: 'Oslo', country: 'NO' } }] });
    const completion = await provider().chat({ ...hi, response_format: { type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object' } } } }, call());
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ name: 'Oslo', country: 'NO' });
    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(server.requests[0]?.body).toMatchObject({ tool_choice: { type: 'tool', name: 'city' } });
  });

  it('json_object, streamed: the input pieces arrive as content deltas', async () => {
    server.script({ kind: 'ok', toolUses: [{ name: 'json_response', input: { answer: 42, unit: 'none' } }] });
    const { chunks, error } = await drain(await provider().chatStream({ ...hi, stream: true, response_format: { type: 'json_object' } }, call()));
    expect(error).toBeUndefined();
    expect(contentDeltas(chunks).length).toBeGreaterThan(1);
    expect(JSON.parse(contentDeltas(chunks).join(''))).toEqual({ answer: 42, unit: 'none' });
    expect(finishReasons(chunks)).toEqual(['stop']);
  });

  it('JSON beside real tools: a real tool call stays a tool call', async () => {
    server.script({ kind: 'ok', toolUses: [{ name: 'get_weather', input: { city: 'Oslo' } }] });
    const completion = await provider().chat(
      { ...hi, tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }], response_format: { type: 'json_object' } },
      call(),
    );
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather' } });
    expect(server.requests[0]?.body).toMatchObject({ tool_choice: { type: 'any' } });
  });

  it('listModels asks GET /v1/models and keeps the known specs', async () => {
    const models = await provider().listModels();
    expect(models.map((m) => m.id)).toEqual(['claude-haiku-4-5', 'claude-opus-4-6', 'claude-new-9']);
    expect(models[1]).toBe(ANTHROPIC_MODELS.find((m) => m.id === 'claude-opus-4-6'));
    expect(models[2]?.capabilities).toContain('chat-completion');
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', query: { limit: '1000' } });
  });

  it('reports rate-limit headers and warns (once) about dropped parameters', async () => {
    const warned: string[] = [];
    const snapshots: unknown[] = [];
    const anthropic = createAnthropic({ apiKey: 'sk-ant-provider-test', baseUrl: server.url, env: {}, onWarning: (w) => warned.push(w.param) });
    await anthropic.chat({ ...hi, seed: 1, logit_bias: { '1': 2 } }, { ...call(), reportRateLimit: (s) => snapshots.push(s) });
    await anthropic.chat({ ...hi, seed: 1 }, call());
    expect(warned).toEqual(['seed', 'logit_bias']);
    expect(snapshots[0]).toMatchObject({ limitRequests: 4000, remainingRequests: 3999 });
  });

  it('serves a JSON answer to a stream request as a stream of one answer', async () => {
    const anthropic = createAnthropic({
      apiKey: 'k',
      env: {},
      fetch: async () =>
        new Response(JSON.stringify({ id: 'msg_j', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [{ type: 'text', text: 'whole' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 2, output_tokens: 1 } }), {
          headers: { 'content-type': 'application/json' },
        }),
    });
    const { chunks } = await drain(await anthropic.chatStream({ ...hi, stream: true }, call()));
    expect(contentDeltas(chunks)).toEqual(['whole']);
    expect(finishReasons(chunks)).toEqual(['stop']);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(3);
  });
});

describe('messageToCompletion', () => {
  const context = { providerId: 'anthropic', modelId: 'claude-haiku-4-5', secrets: [], responseTool: undefined, created: 1 };
  const message = (content: unknown[], stopReason = 'end_turn') => ({ id: 'msg', type: 'message' as const, role: 'assistant' as const, model: 'm', content: content as never, stop_reason: stopReason, stop_sequence: null, usage: {} });

  it('joins text blocks, leaves out thinking blocks, and gives null content for tool calls only', () => {
    expect(messageToCompletion(message([{ type: 'thinking', thinking: 'hmm', signature: 's' }, { type: 'text', text: 'A' }, { type: 'text', text: 'B' }]), context).choices[0]?.message.content).toBe('AB');
    const tools = messageToCompletion(message([{ type: 'tool_use', id: 't', name: 'f', input: {} }], 'tool_use'), context).choices[0];
    expect(tools?.message.content).toBeNull();
    expect(tools?.message.tool_calls).toEqual([{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }]);
  });

  it('an empty answer (a refusal) has content "" and finish reason content_filter; missing usage counts zero', () => {
    const completion = messageToCompletion(message([], 'refusal'), context);
    expect(completion.choices[0]).toMatchObject({ message: { content: '' }, finish_reason: 'content_filter' });
    expect(completion.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, prompt_tokens_details: { cached_tokens: 0 } });
  });
});
