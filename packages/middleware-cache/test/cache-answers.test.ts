import type { MeshEventMap, RequestCompletedEvent } from '@modelmesh/core';
import { providerPlugin } from '@modelmesh/providers-openai-compatible';
import { startMiddlewareMesh, type MiddlewareMesh } from '@modelmesh/testing/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheMiddleware, type CacheOptions } from '../src/index.js';

let mesh: MiddlewareMesh | undefined;
afterEach(async () => {
  await mesh?.close();
  mesh = undefined;
});

async function cached(options: CacheOptions = {}) {
  mesh = await startMiddlewareMesh({ plugin: providerPlugin, middleware: [cacheMiddleware(options)] });
  const completed: RequestCompletedEvent[] = [];
  mesh.client.on('request.completed', (event: MeshEventMap['request.completed']) => void completed.push(event));
  return { mesh, completed };
}

const ask = (content = 'What is 2 + 2?', extra: Record<string, unknown> = {}) => ({ model: 'chat', messages: [{ role: 'user' as const, content }], ...extra });
const calls = (m: MiddlewareMesh) => m.primary.requests.length + m.secondary.requests.length;

async function text(stream: AsyncIterable<{ choices: Array<{ delta: { content?: string | null } }> }>): Promise<{ text: string; chunks: number }> {
  let out = '';
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    out += chunk.choices[0]?.delta.content ?? '';
  }
  return { text: out, chunks };
}

describe('an exact-match cache', () => {
  it('answers a repeated request without any provider, at $0, marked as a hit', async () => {
    const { mesh, completed } = await cached();
    mesh.primary.script({ kind: 'ok', content: 'Four.' });
    const first = await mesh.client.chat.completions.create(ask());
    const second = await mesh.client.chat.completions.create(ask());
    expect(second.choices[0]?.message.content).toBe('Four.');
    expect(second.id).toBe(first.id);
    expect(calls(mesh)).toBe(1);
    expect(completed.map((e) => [e.cacheHit === true, e.attempts, e.cost > 0])).toEqual([
      [false, 1, true],
      [true, 0, false],
    ]);
    expect(mesh.client.usage.cacheHits).toBe(1);
    expect(mesh.client.usage.totalCost).toBe(completed[0]?.cost);
    expect((second.usage as { totalTokens?: number } | undefined)?.totalTokens).toBe(first.usage?.total_tokens);
  });

  it('keys on pool, messages, tools and parameters, not on user or stream', async () => {
    const { mesh } = await cached();
    await mesh.client.chat.completions.create(ask('A', { user: 'alice' }));
    await mesh.client.chat.completions.create(ask('A', { user: 'bob', metadata: { trace: '1' } }));
    expect(calls(mesh)).toBe(1);
    await mesh.client.chat.completions.create(ask('B'));
    await mesh.client.chat.completions.create(ask('A', { max_tokens: 10 }));
    await mesh.client.chat.completions.create(ask('A', { tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }));
    expect(calls(mesh)).toBe(4);
  });

  it('replays a stored answer to a streamed request as a stream of chunks', async () => {
    const { mesh } = await cached();
    mesh.primary.script({ kind: 'ok', content: 'one two three four' });
    await mesh.client.chat.completions.create(ask());
    const replayed = await text(await mesh.client.chat.completions.create({ ...ask(), stream: true }));
    expect(replayed.text).toBe('one two three four');
    expect(replayed.chunks).toBeGreaterThan(4);
    expect(calls(mesh)).toBe(1);
  });

  it('stores a streamed answer once it completes, and never a cut one', async () => {
    const { mesh } = await cached();
    // Both vendors cut, so a stream recovery on the second vendor cannot complete the answer either.
    const cut = { kind: 'cut', chunks: ['half ', 'an ', 'answer ', 'that'], afterChunks: 2 } as const;
    mesh.primary.script(cut);
    mesh.secondary.script(cut);
    await expect(text(await mesh.client.chat.completions.create({ ...ask('cut'), stream: true }))).rejects.toThrow();
    mesh.primary.reset();
    mesh.secondary.reset();
    mesh.primary.script({ kind: 'ok', content: 'whole answer' });
    expect((await mesh.client.chat.completions.create(ask('cut'))).choices[0]?.message.content).toBe('whole answer');
    mesh.primary.script({ kind: 'ok', chunks: ['streamed ', 'answer'] });
    expect((await text(await mesh.client.chat.completions.create({ ...ask('stream'), stream: true }))).text).toBe('streamed answer');
    const before = calls(mesh);
    expect((await mesh.client.chat.completions.create(ask('stream'))).choices[0]?.message.content).toBe('streamed answer');
    expect(calls(mesh)).toBe(before);
  });

  it('caches the answer of a failover, and never a failure', async () => {
    const { mesh } = await cached();
    mesh.primary.script({ kind: 'status', status: 503 });
    mesh.secondary.script({ kind: 'status', status: 503 });
    await expect(mesh.client.chat.completions.create(ask())).rejects.toThrow();
    mesh.primary.script({ kind: 'status', status: 503 });
    mesh.secondary.script({ kind: 'ok', content: 'from b' });
    await mesh.client.chat.completions.create(ask());
    expect((await mesh.client.chat.completions.create(ask())).choices[0]?.message.content).toBe('from b');
    expect(calls(mesh)).toBe(4);
  });

  it('does not cache sampled requests (temperature > 0) unless told to', async () => {
    const { mesh } = await cached();
    await mesh.client.chat.completions.create(ask('t', { temperature: 0.7 }));
    await mesh.client.chat.completions.create(ask('t', { temperature: 0.7 }));
    await mesh.client.chat.completions.create(ask('t', { temperature: 0 }));
    await mesh.client.chat.completions.create(ask('t', { temperature: 0 }));
    expect(calls(mesh)).toBe(3);
    await mesh.close();
    const sampled = await cached({ cacheSampled: true });
    await sampled.mesh.client.chat.completions.create(ask('t', { temperature: 0.7 }));
    await sampled.mesh.client.chat.completions.create(ask('t', { temperature: 0.7 }));
    expect(calls(sampled.mesh)).toBe(1);
  });

  it('lets a request opt out with cache: false (neither served nor stored)', async () => {
    const { mesh } = await cached();
    await mesh.client.chat.completions.create(ask(), { cache: false });
    await mesh.client.chat.completions.create(ask());
    await mesh.client.chat.completions.create(ask(), { cache: false });
    expect(calls(mesh)).toBe(3);
  });

  it('caches embeddings', async () => {
    const { mesh } = await cached();
    const first = await mesh.client.embeddings.create({ model: 'embed', input: ['alpha'] });
    const second = await mesh.client.embeddings.create({ model: 'embed', input: ['alpha'] });
    expect(second.data[0]?.embedding).toEqual(first.data[0]?.embedding);
    expect(calls(mesh)).toBe(1);
  });

  it('goes on uncached when the store fails', async () => {
    const errors: unknown[] = [];
    const broken = { get: () => Promise.reject(new Error('store down')), set: () => Promise.reject(new Error('store down')) };
    const { mesh } = await cached({ store: broken, onStoreError: (error) => errors.push(error) });
    await mesh.client.chat.completions.create(ask());
    await mesh.client.chat.completions.create(ask());
    expect(calls(mesh)).toBe(2);
    expect(errors).toHaveLength(4);
  });
});
