import { createMesh } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { startRedisServer } from '@modelmesh/testing/servers';
import { expect, it } from 'vitest';
import { RedisStateStore } from '../src/index.js';

// The README's example, with REDIS_URL pointing at a private redis-server.
it('the README example runs and shares its budget counter through Redis', async () => {
  const redis = await startRedisServer();
  try {
    const store = new RedisStateStore({ url: redis.url, prefix: 'myapp:' });
    const client = createMesh({
      stateStore: store,
      providers: [mockProviderEntry({ id: 'primary', models: [{ id: 'small', capabilities: ['chat-completion'], pricing: { input: 1, output: 2 } }] })],
      config: {
        pools: { chat: { capability: 'chat-completion' } },
        budgets: [{ name: 'daily', scope: 'global', period: 'day', limit_usd: 5, action: 'error' }],
      },
    });
    const warnings: string[] = [];
    client.on('state.unavailable', (event) => warnings.push(event.detail));

    const answer = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hello' }] });
    expect(answer.choices[0]?.message.content).toBeTruthy();
    const used = client.usage.budgetStatus?.budgets['daily']?.used ?? 0;
    expect(used).toBeGreaterThan(0);

    // Another process's store sees the same total.
    const other = new RedisStateStore({ url: redis.url, prefix: 'myapp:' });
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    const [shared] = await other.get([`budget:daily:${day}`]);
    expect(shared).toBeCloseTo(used, 15);
    expect(warnings).toEqual([]);

    await client.close();
    await store.close();
    await other.close();
  } finally {
    await redis.stop();
  }
});
