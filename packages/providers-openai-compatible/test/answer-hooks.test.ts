import { ProviderError, type ChatCompletionChunk, type ProviderCall } from '@modelmesh/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, type AnswerContext } from '../src/internal.js';
import { type LocalServer, sse, startServer } from './support/local-server.js';
import { completion, sendJson, streamEvents } from './support/openai-wire.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });

async function collect(iterable: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const out: ChatCompletionChunk[] = [];
  for await (const chunk of iterable) out.push(chunk);
  return out;
}

describe('transformResponse', () => {
  it('rewrites each completion, knowing the provider and model', async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 200, completion('hi'))));
    const contexts: AnswerContext[] = [];
    const provider = createOpenAICompatibleProvider({
      id: 'local',
      baseUrl: s.url,
      transformResponse: (c, context) => (contexts.push(context), { ...c, choices: c.choices.map((choice) => ({ ...choice, message: { ...choice.message, content: `${choice.message.content ?? ''}!` } })) }),
    });
    const answer = await provider.chat({ model: 'm-1', messages: [] }, call());
    expect(answer.choices[0]?.message.content).toBe('hi!');
    expect(contexts).toEqual([{ providerId: 'local', modelId: 'm-1' }]);
  });
});

describe('transformChunk', () => {
  it('rewrites each streamed chunk before it is yielded', async () => {
    const s = (server = await startServer((_req, res) => sse(res, streamEvents(['Hel', 'lo']))));
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, transformChunk: (chunk, { modelId }) => ({ ...chunk, model: `${modelId}:seen` }) });
    const chunks = await collect(await provider.chatStream({ model: 'm-2', messages: [], stream: true }, call()));
    expect(chunks).toHaveLength(5);
    expect(new Set(chunks.map((c) => c.model))).toEqual(new Set(['m-2:seen']));
  });

  it('also rewrites the chunks of a stream request answered with JSON', async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 200, completion('whole'))));
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, transformChunk: (chunk) => ({ ...chunk, id: 'rewritten' }) });
    const chunks = await collect(await provider.chatStream({ model: 'm', messages: [], stream: true }, call()));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.id === 'rewritten')).toBe(true);
  });

  it('ends the stream with the error a hook throws, releasing the connection', async () => {
    const s = (server = await startServer((_req, res) => sse(res, streamEvents(['a', 'b']).slice(0, 2), false)));
    const failure = new ProviderError({ providerId: 'local', code: 'malformed_response', message: 'bad chunk' });
    let count = 0;
    const provider = createOpenAICompatibleProvider({
      id: 'local',
      baseUrl: s.url,
      transformChunk: (chunk) => {
        if (++count === 2) throw failure;
        return chunk;
      },
    });
    const stream = await provider.chatStream({ model: 'm', messages: [], stream: true }, call());
    await expect(collect(stream)).rejects.toBe(failure);
    await s.clientClosed;
  });
});
