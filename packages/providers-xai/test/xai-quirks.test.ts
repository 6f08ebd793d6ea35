import type { ProviderCall } from '@modelmesh/provider';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createXai, isXaiReasoningModel, type ProviderWarning } from '../src/internal.js';

const API_KEY = 'xai-quirks-key-0001';
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

function xai() {
  const warnings: ProviderWarning[] = [];
  const provider = createXai({ apiKey: API_KEY, baseUrl: server.url, env: {}, onWarning: (w) => warnings.push(w) });
  return { provider, warnings };
}

const sampling = { presence_penalty: 0.5, frequency_penalty: 0.3, stop: ['END'], temperature: 0.7 };

describe('reasoning models', () => {
  it('lose presence_penalty, frequency_penalty and stop, with one warning per parameter', async () => {
    const { provider, warnings } = xai();
    await provider.chat({ model: 'grok-4', messages: [], ...sampling }, call());
    await provider.chat({ model: 'grok-3-mini', messages: [], ...sampling }, call());
    expect(body(0)).toEqual({ model: 'grok-4', messages: [], temperature: 0.7 });
    expect(body(1)).toEqual({ model: 'grok-3-mini', messages: [], temperature: 0.7 });
    expect(warnings.map((w) => w.param)).toEqual(['presence_penalty', 'frequency_penalty', 'stop']);
    expect(warnings[2]).toEqual({ type: 'unsupported-param', providerId: 'xai', param: 'stop', message: 'Provider "xAI" does not support "stop" with reasoning models (grok-4); it was removed from the request' });
  });

  it('applies to streams too', async () => {
    const { provider, warnings } = xai();
    for await (const _chunk of await provider.chatStream({ model: 'grok-code-fast-1', messages: [], stream: true, stop: 'x' }, call())) {
      // drain
    }
    expect(body()).toEqual({ model: 'grok-code-fast-1', messages: [], stream: true, stream_options: { include_usage: true } });
    expect(warnings.map((w) => w.param)).toEqual(['stop']);
  });

  it('keep them on non-reasoning models', async () => {
    const { provider, warnings } = xai();
    for (const model of ['grok-3', 'grok-4-fast-non-reasoning', 'grok-2-vision-1212']) await provider.chat({ model, messages: [], ...sampling }, call());
    expect(server.requests.map((r) => r.body)).toEqual([
      { model: 'grok-3', messages: [], ...sampling },
      { model: 'grok-4-fast-non-reasoning', messages: [], ...sampling },
      { model: 'grok-2-vision-1212', messages: [], ...sampling },
    ]);
    expect(warnings).toEqual([]);
  });

  it('are recognised by id, dated and newer variants included', () => {
    for (const id of ['grok-4', 'grok-4-0709', 'grok-4-latest', 'grok-4-fast-reasoning', 'grok-4.20-0309-reasoning', 'grok-3-mini', 'grok-3-mini-fast', 'grok-code-fast-1']) {
      expect(isXaiReasoningModel(id), id).toBe(true);
    }
    for (const id of ['grok-3', 'grok-3-fast', 'grok-4-fast-non-reasoning', 'grok-4.20-0309-non-reasoning', 'grok-2-vision-1212', 'grok-40', undefined]) {
      expect(isXaiReasoningModel(id), String(id)).toBe(false);
    }
  });
});

describe('reasoning_effort', () => {
  it('is removed for the grok-4 family and kept for grok-3-mini', async () => {
    const { provider, warnings } = xai();
    await provider.chat({ model: 'grok-4', messages: [], reasoning_effort: 'high' }, call());
    await provider.chat({ model: 'grok-4-fast-non-reasoning', messages: [], reasoning_effort: 'low' }, call());
    await provider.chat({ model: 'grok-3-mini', messages: [], reasoning_effort: 'low' }, call());
    expect(body(0)).toEqual({ model: 'grok-4', messages: [] });
    expect(body(1)).toEqual({ model: 'grok-4-fast-non-reasoning', messages: [] });
    expect(body(2)).toEqual({ model: 'grok-3-mini', messages: [], reasoning_effort: 'low' });
    expect(warnings.map((w) => w.message)).toEqual(['Provider "xAI" does not support "reasoning_effort" with grok-4 models (grok-4); it was removed from the request']);
  });

  it("passes xAI's own and unknown parameters through", async () => {
    const { provider } = xai();
    const params = { model: 'grok-3', messages: [], search_parameters: { mode: 'auto' }, seed: 1, logprobs: true, top_logprobs: 2, n: 2 };
    await provider.chat(params as never, call());
    expect(body()).toEqual(params);
  });
});

describe('errors', () => {
  it("reports xAI's HTTP 400 for a wrong key as an AuthenticationError, without the key", async () => {
    const { provider } = xai();
    server.script({ kind: 'status', status: 400, body: { code: 'Client specified an invalid argument', error: `Incorrect API key provided: ${API_KEY}. You can obtain an API key from https://console.x.ai.` } });
    const error = (await provider.chat({ model: 'grok-3', messages: [] }, call()).catch((e: unknown) => e)) as { name: string; status?: number; retryable?: boolean; message: string };
    expect(error.name).toBe('AuthenticationError');
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Incorrect API key provided');
    expect(JSON.stringify(error) + error.message).not.toContain(API_KEY);
  });

  it('does the same for streams, and leaves other 400s alone', async () => {
    const { provider } = xai();
    server.script(
      { kind: 'status', status: 400, body: { code: 'Client specified an invalid argument', error: 'Incorrect%20API%20key%20provided:%20xa***01.' } },
      { kind: 'status', status: 400, body: { code: 'Client specified an invalid argument', error: 'Argument not supported on this model: stop' } },
    );
    const first = (await provider.chatStream({ model: 'grok-3', messages: [], stream: true }, call()).catch((e: unknown) => e)) as { name: string };
    const second = (await provider.chat({ model: 'grok-3', messages: [] }, call()).catch((e: unknown) => e)) as { name: string; message: string };
    expect(first.name).toBe('AuthenticationError');
    expect(second.name).toBe('ProviderHttpError');
    expect(second.message).toContain('Argument not supported on this model: stop');
  });
});
