import type { ProviderCall } from '@modelmesh/provider';
import { startFakeOpenAIServer, type FakeOpenAIServer } from '@modelmesh/testing/servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTogether, type ProviderWarning } from '../src/index.js';

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

function together() {
  const warnings: ProviderWarning[] = [];
  const provider = createTogether({ apiKey: 'k-together', baseUrl: server.url, env: {}, onWarning: (w) => warnings.push(w) });
  return { provider, warnings };
}

describe('request bodies', () => {
  it('sends max_completion_tokens as max_tokens, in answers and streams, an explicit max_tokens winning', async () => {
    const { provider, warnings } = together();
    await provider.chat({ model: 'deepseek-ai/DeepSeek-V3', messages: [], max_completion_tokens: 64 }, call());
    await provider.chat({ model: 'deepseek-ai/DeepSeek-V3', messages: [], max_completion_tokens: 64, max_tokens: 8 }, call());
    for await (const _chunk of await provider.chatStream({ model: 'deepseek-ai/DeepSeek-V3', messages: [], max_completion_tokens: 32, stream: true }, call())) {
      // drain
    }
    expect(body(0)).toEqual({ model: 'deepseek-ai/DeepSeek-V3', messages: [], max_tokens: 64 });
    expect(body(1)).toEqual({ model: 'deepseek-ai/DeepSeek-V3', messages: [], max_tokens: 8 });
    expect(body(2)).toEqual({ model: 'deepseek-ai/DeepSeek-V3', messages: [], max_tokens: 32, stream: true, stream_options: { include_usage: true } });
    expect(warnings).toEqual([]);
  });

  it("passes Together's own and OpenAI's other parameters through untouched", async () => {
    const { provider, warnings } = together();
    const params = {
      model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      messages: [{ role: 'user', content: 'Hi' }],
      top_k: 40,
      repetition_penalty: 1.1,
      min_p: 0.05,
      safety_model: 'meta-llama/Meta-Llama-Guard-3-8B',
      seed: 3,
      n: 2,
      logprobs: true,
      response_format: { type: 'json_object' },
    };
    await provider.chat(params as never, call());
    expect(body()).toEqual(params);
    expect(warnings).toEqual([]);
  });

  it('sends embeddings requests as given', async () => {
    const { provider } = together();
    const result = await provider.embed({ model: 'BAAI/bge-large-en-v1.5', input: ['a', 'b', 'c'] }, call());
    expect(result.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(server.requests[0]?.path).toBe('/v1/embeddings');
    expect(body()).toEqual({ model: 'BAAI/bge-large-en-v1.5', input: ['a', 'b', 'c'] });
  });
});
