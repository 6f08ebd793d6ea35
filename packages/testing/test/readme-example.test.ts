import { createMesh, ManualClock } from '@modelmesh/core';
import { expect, it } from 'vitest';
import { mockProviderEntry } from '../src/index.js';

it('runs the README failover example as written', async () => {
  const clock = new ManualClock();
  const primary = mockProviderEntry({ id: 'primary', models: ['gpt-4o'], script: { type: 'http', status: 503 }, clock });
  const backup = mockProviderEntry({ id: 'backup', models: ['claude-sonnet-4'], script: [{ type: 'ok', content: 'from backup', latency: 200 }], clock });
  const mesh = createMesh({ providers: [primary, backup], clock });

  const pending = mesh.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
  await clock.runAll();
  const response = await pending;

  expect(response.choices[0]?.message.content).toBe('from backup');
  expect(primary.provider.calls.map((c) => c.status)).toEqual(['failed', 'failed']);
  expect(backup.provider.calls[0].outcome).toEqual({ type: 'ok', content: 'from backup', latency: 200 });
});
