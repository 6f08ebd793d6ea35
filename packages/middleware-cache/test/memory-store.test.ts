import { ManualClock, type ChatCompletion } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { memoryCacheStore, stableJson } from '../src/index.js';

const answer = (content: string) => ({
  kind: 'chat' as const,
  completion: { id: content, object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }] } satisfies ChatCompletion,
});

describe('the memory store', () => {
  it('drops an answer after its TTL', async () => {
    const clock = new ManualClock();
    const store = memoryCacheStore({ now: () => clock.now() });
    await store.set('k', answer('a'), 1_000);
    await clock.advance(999);
    expect(await store.get('k')).toBeDefined();
    await clock.advance(2);
    expect(await store.get('k')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const store = memoryCacheStore({ maxEntries: 2 });
    await store.set('a', answer('a'), 60_000);
    await store.set('b', answer('b'), 60_000);
    await store.get('a');
    await store.set('c', answer('c'), 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(store.size).toBe(2);
  });

  it('hands out copies: changing an answer does not change the cache', async () => {
    const store = memoryCacheStore();
    await store.set('k', answer('original'), 60_000);
    const first = await store.get('k');
    if (first?.kind === 'chat' && first.completion.choices[0]) first.completion.choices[0].message.content = 'changed';
    const second = await store.get('k');
    expect(second?.kind === 'chat' && second.completion.choices[0]?.message.content).toBe('original');
  });
});

describe('stable JSON', () => {
  it('gives equal text for equal objects whatever their key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(stableJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });
});
