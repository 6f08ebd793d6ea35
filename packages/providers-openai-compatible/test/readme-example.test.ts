import { createMesh } from '@modelmesh/core';
import { afterEach, expect, it } from 'vitest';
import { createOpenAICompatibleProvider } from '../src/index.js';
import { type LocalServer, startServer } from './support/local-server.js';
import { completion, sendJson } from './support/openai-wire.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
});

it('the README example routes a request to the configured endpoint', async () => {
  server = await startServer((_req, res) => sendJson(res, 200, completion('Hello from vLLM', 'meta-llama/Llama-3.1-8B-Instruct')));
  const warnings: string[] = [];
  // As in the README, with the local server's URL and the warnings captured.
  const local = createOpenAICompatibleProvider({
    id: 'vllm',
    baseUrl: server.url,
    models: [{ id: 'meta-llama/Llama-3.1-8B-Instruct', capabilities: ['chat-completion'], contextWindow: 131072 }],
    dropParams: ['logprobs'],
    onWarning: (w) => warnings.push(w.param),
  });
  const mesh = createMesh({
    providers: [{ provider: local, models: local.models }],
    config: { pools: { chat: { capability: 'chat-completion' } } },
  });
  try {
    const answer = await mesh.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hello!' }], logprobs: true });
    expect(answer.choices[0]?.message.content).toBe('Hello from vLLM');
    const sent = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent['model']).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(sent['logprobs']).toBeUndefined();
    expect(warnings).toEqual(['logprobs']);
  } finally {
    await mesh.close();
  }
});
