import { describe, expect, it } from 'vitest';
import { RequestAbortedError, StreamInterruptedError, type ChatCompletionChunk } from '../src/index.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

const streamAsk = { ...ask, stream: true as const };

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

describe('streaming', () => {
  it('yields the provider chunks in order, ending with usage', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['Hel', 'lo', '!'] });
    const stream = await client.chat.completions.create(streamAsk);
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? null)).toEqual(['', 'Hel', 'lo', '!', null, null]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(3);
    expect(client.usage.completionTokens).toBe(3);
  });

  it('fails over when a stream breaks before its first content chunk', async () => {
    const { client, clock, b, a } = twoModelMesh();
    a.script('model-a', { stream: ['never'], cutAfter: 0 });
    b.script('model-b', { stream: ['from', ' b'] });
    const stream = await withClock(clock, client.chat.completions.create(streamAsk));
    expect(await collect(stream)).toBe('from b');
    // retried once on model-a (a connection reset is transient), then failed over
    expect(a.calls).toHaveLength(2);
    expect(b.calls).toHaveLength(1);
  });

  it('fails over when the first token does not come within the first-token timeout', async () => {
    const { client, clock, a, b } = twoModelMesh({ timeouts: { first_token: '2s' } });
    a.script('model-a', { stream: ['late'], stallAfter: 0 });
    b.script('model-b', { stream: ['quick'] });
    const stream = await withClock(clock, client.chat.completions.create(streamAsk));
    expect(await collect(stream)).toBe('quick');
    expect(a.calls[0]?.signal.aborted).toBe(true);
  });

  it('ends with StreamInterruptedError, not a silent end, when the stream is cut after content (stream_recovery: off)', async () => {
    const { client, a, b } = twoModelMesh({ stream_recovery: 'off' });
    a.script('model-a', { stream: ['one', 'two', 'three'], cutAfter: 2 });
    const stream = await client.chat.completions.create(streamAsk);
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(text).toBe('onetwo');
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).chunksDelivered).toBe(3);
    expect(b.calls).toHaveLength(0);
    expect(client.usage.failedRequests).toBe(1);
  });

  it('treats a stream that ends without a finish reason as interrupted (stream_recovery: off)', async () => {
    const { client, a } = twoModelMesh({ stream_recovery: 'off' });
    a.script('model-a', { stream: ['partial'], noFinish: true });
    const stream = await client.chat.completions.create(streamAsk);
    await expect(collect(stream)).rejects.toMatchObject({ name: 'StreamInterruptedError', reason: 'cut' });
  });

  it('ends a stalled stream with StreamInterruptedError after the idle timeout (stream_recovery: off)', async () => {
    const { client, clock, a } = twoModelMesh({ timeouts: { idle: '5s' }, stream_recovery: 'off' });
    a.script('model-a', { stream: ['a', 'b', 'c'], stallAfter: 1 });
    const stream = await client.chat.completions.create(streamAsk);
    const done = collect(stream);
    const error = await withClock(clock, done).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StreamInterruptedError', reason: 'stalled' });
    expect(a.calls[0]?.signal.aborted).toBe(true);
  });

  it('abort() stops the stream and cancels the provider call', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b', 'c', 'd'], stallAfter: 2 });
    const stream = await client.chat.completions.create(streamAsk);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? '');
        if (seen.length === 3) stream.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(a.calls[0]?.signal.aborted).toBe(true);
  });

  it('toReadableStream() carries the chunks as JSON lines', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['x', 'y'] });
    const stream = await client.chat.completions.create(streamAsk);
    const text = await new Response(stream.toReadableStream()).text();
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as ChatCompletionChunk);
    expect(lines.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('xy');
  });
});
