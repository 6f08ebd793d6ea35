import { describe, expect, it } from 'vitest';
import { ChatCompletionStream, completionToChunks, RequestAbortedError, type ChatCompletion, type ChatCompletionChunk, type MeshMiddleware } from '../src/index.js';
import { ask, twoModelMesh } from './support/mesh-fixture.js';

const streamAsk = { ...ask, stream: true as const };

describe('the stream chat.completions.create resolves to', () => {
  it('is a ChatCompletionStream', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['x'] });
    expect(await client.chat.completions.create(streamAsk)).toBeInstanceOf(ChatCompletionStream);
  });

  it('finalChatCompletion() reads an unread stream to its end and assembles it', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['Hel', 'lo', '!'] });
    const stream = await client.chat.completions.create(streamAsk);
    const completion = await stream.finalChatCompletion();
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('model-a');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Hello!' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBe(3);
    expect(client.usage.completionTokens).toBe(3);
  });

  it('finalChatCompletion() during a for-await resolves with everything the loop saw', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b', 'c'] });
    const stream = await client.chat.completions.create(streamAsk);
    let seen = '';
    let final: Promise<unknown> | undefined;
    for await (const chunk of stream) {
      final ??= stream.finalChatCompletion();
      seen += chunk.choices[0]?.delta.content ?? '';
    }
    expect(seen).toBe('abc');
    expect(await final).toMatchObject({ choices: [{ message: { content: 'abc' } }] });
  });

  it('finalChatCompletion() after toReadableStream() is read gives the same answer', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['x', 'y'] });
    const stream = await client.chat.completions.create(streamAsk);
    const lines = (await new Response(stream.toReadableStream()).text()).trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect((await stream.finalChatCompletion()).choices[0]?.message.content).toBe('xy');
  });

  it('controller.abort() cancels the request upstream and finalChatCompletion() rejects', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b', 'c', 'd'], stallAfter: 2 });
    const stream = await client.chat.completions.create(streamAsk);
    const final = stream.finalChatCompletion();
    stream.controller.abort();
    await expect(final).rejects.toBeInstanceOf(RequestAbortedError);
    expect(a.calls[0]?.signal.aborted).toBe(true);
  });

  it('leaving a for-await early means there is no final completion', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b', 'c'] });
    const stream = await client.chat.completions.create(streamAsk);
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content === 'a') break;
    await expect(stream.finalChatCompletion()).rejects.toBeInstanceOf(RequestAbortedError);
  });

  it('is a ChatCompletionStream when a middleware answers with its own stream too', async () => {
    const cached: ChatCompletion = {
      id: 'cached',
      object: 'chat.completion',
      created: 0,
      model: 'model-a',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'from the cache', refusal: null } }],
    };
    async function* replay(): AsyncGenerator<ChatCompletionChunk> {
      yield* completionToChunks(cached);
    }
    const answering: MeshMiddleware = {
      name: 'answering',
      async wrapRequest(call, next) {
        return call.operation === 'chat-stream' ? { operation: 'chat-stream', stream: replay(), cacheHit: true } : next(call);
      },
    };
    const { client, a } = twoModelMesh({}, [answering]);
    const stream = await client.chat.completions.create(streamAsk);
    expect(stream).toBeInstanceOf(ChatCompletionStream);
    expect((await stream.finalChatCompletion()).choices[0]?.message.content).toBe('from the cache');
    expect(a.calls).toHaveLength(0);
  });
});
