import { createMesh } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { expect, it } from 'vitest';
import { cacheMiddleware } from '../src/index.js';

it('runs the README example as written', async () => {
  const demo = mockProviderEntry({ id: 'demo', models: ['gpt-4o'], script: { type: 'ok', content: 'Paris.' } });
  const client = createMesh({
    providers: [demo],
    middleware: [cacheMiddleware({ ttlMs: 10 * 60_000, maxEntries: 500 })],
  });
  const ask = { model: 'chat-completion', messages: [{ role: 'user' as const, content: 'Capital of France?' }] };
  await client.chat.completions.create(ask);
  const second = await client.chat.completions.create(ask);
  expect(second.choices[0]?.message.content).toBe('Paris.');
  expect(client.usage.cacheHits).toBe(1);
  expect(demo.provider.calls).toHaveLength(1);
  await client.close();
});
