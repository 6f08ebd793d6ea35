// Mid-stream recovery across vendors, in process: a stream cut after content goes on on the next
// model in that vendor's own prefill form — Claude continues a final assistant turn, Mistral a
// final assistant message marked `prefix: true` — and OpenAI, which has no prefill, restarts
// and is held back until it has reproduced what the caller already has.
import { createMesh, type MeshClient, type MeshEventMap } from '@modelmesh/core';
import { providerPlugin as anthropic } from '@modelmesh/providers-anthropic';
import { providerPlugin as mistral } from '@modelmesh/providers-mistral';
import { providerPlugin as openai } from '@modelmesh/providers-openai';
import { startFakeAnthropicServer, startFakeOpenAIServer, type FakeAnthropicServer, type FakeOpenAIServer, type FakeRequestRecord } from '@modelmesh/testing/servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ANSWER = 'Paris is the capital of France and its largest city';

let servers: { openai: FakeOpenAIServer; mistral: FakeOpenAIServer; anthropic: FakeAnthropicServer };

type Message = { role?: unknown; content?: unknown; prefix?: unknown };
const messagesOf = (body: unknown): Message[] => ((body as { messages?: Message[] } | undefined)?.messages ?? []);
const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((part: { text?: string }) => part.text ?? '').join('') : '';

beforeAll(async () => {
  // A vendor with prefill continues the text of the final assistant turn (after a trimmed prefill, with the space).
  const continued = (prefill: string) => ANSWER.slice(prefill.length);
  servers = {
    openai: await startFakeOpenAIServer(),
    mistral: await startFakeOpenAIServer({
      defaultScript: (request: FakeRequestRecord) => {
        const last = messagesOf(request.body).at(-1);
        return last?.role === 'assistant' && last.prefix === true ? { kind: 'ok', content: continued(textOf(last.content)) } : { kind: 'ok', content: ANSWER };
      },
    }),
    anthropic: await startFakeAnthropicServer({
      defaultScript: (request) => {
        const last = messagesOf(request.body).at(-1);
        return last?.role === 'assistant' ? { kind: 'ok', content: continued(textOf(last.content)) } : { kind: 'ok', content: ANSWER };
      },
    }),
  };
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});
beforeEach(() => Object.values(servers).forEach((server) => server.reset()));

const MODELS = {
  'gpt-4o-mini': { provider: 'openai', capabilities: ['chat-completion'] },
  'claude-haiku-4-5': { provider: 'anthropic', capabilities: ['chat-completion'] },
  'mistral-small-latest': { provider: 'mistral', capabilities: ['chat-completion'] },
};

function mesh(order: ReadonlyArray<keyof typeof MODELS>): { client: MeshClient; recovered: Array<MeshEventMap['stream.recovered']> } {
  const client = createMesh({
    plugins: [openai, anthropic, mistral],
    env: {},
    config: {
      providers: {
        openai: { connector: 'openai', api_key: 'sk-recovery-openai', base_url: servers.openai.url },
        anthropic: { connector: 'anthropic', api_key: 'sk-ant-recovery', base_url: servers.anthropic.url },
        mistral: { connector: 'mistral', api_key: 'recovery-mistral-key', base_url: servers.mistral.url },
      },
      models: MODELS,
      pools: { chat: { models: [...order], strategy: 'priority' } },
    },
  });
  const recovered: Array<MeshEventMap['stream.recovered']> = [];
  client.on('stream.recovered', (event) => recovered.push(event));
  return { client, recovered };
}

async function streamText(client: MeshClient): Promise<{ text: string; model: string | undefined }> {
  const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'What is the capital of France?' }], stream: true });
  let text = '';
  let model: string | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    model = chunk.model;
  }
  return { text, model };
}

describe('a stream cut after content is finished by the next vendor', () => {
  it('Claude continues from a final assistant turn (its prefill)', async () => {
    const { client, recovered } = mesh(['gpt-4o-mini', 'claude-haiku-4-5']);
    servers.openai.script({ kind: 'cut', content: ANSWER, afterChunks: 4 });
    const { text, model } = await streamText(client);
    expect(text).toBe(ANSWER);
    expect(model).toContain('claude');
    expect(recovered).toEqual([expect.objectContaining({ fromModel: 'gpt-4o-mini', toModel: 'claude-haiku-4-5', mode: 'continue' })]);
    // Anthropic's form: the delivered text as the last assistant turn, without its trailing space
    const last = messagesOf(servers.anthropic.requests[0]?.body).at(-1);
    expect(last?.role).toBe('assistant');
    expect(textOf(last?.content)).toBe('Paris is the capital');
    expect(last).not.toHaveProperty('prefix');
    await client.close();
  });

  it('Mistral continues from a final assistant message marked prefix: true', async () => {
    const { client, recovered } = mesh(['gpt-4o-mini', 'mistral-small-latest']);
    servers.openai.script({ kind: 'cut', content: ANSWER, afterChunks: 3 });
    const { text } = await streamText(client);
    expect(text).toBe(ANSWER);
    expect(recovered.map((e) => e.mode)).toEqual(['continue']);
    expect(messagesOf(servers.mistral.requests[0]?.body).at(-1)).toEqual({ role: 'assistant', content: 'Paris is the ', prefix: true });
    await client.close();
  });

  it('OpenAI has no prefill: it restarts, and the caller gets only what it adds beyond the delivered text', async () => {
    const { client, recovered } = mesh(['claude-haiku-4-5', 'gpt-4o-mini']);
    servers.anthropic.script({ kind: 'cut', content: ANSWER, afterChunks: 5 });
    servers.openai.script({ kind: 'ok', content: ANSWER });
    const { text, model } = await streamText(client);
    expect(text).toBe(ANSWER);
    expect(model).toBe('gpt-4o-mini');
    expect(recovered.map((e) => e.mode)).toEqual(['restart']);
    expect(messagesOf(servers.openai.requests[0]?.body)).toEqual([{ role: 'user', content: 'What is the capital of France?' }]);
    await client.close();
  });
});
