import { mockProviderEntry } from '@modelmesh/testing';
import { generateText } from 'ai';
import { expect, it } from 'vitest';
import { createMeshProvider } from '../src/index.js';

it('runs the README offline example as written', async () => {
  const mesh = createMeshProvider({
    providers: [
      mockProviderEntry({ id: 'flaky', models: ['gpt-4o'], script: { type: 'http', status: 503 } }),
      mockProviderEntry({ id: 'steady', models: ['claude-sonnet-4'], script: { type: 'ok', content: 'Hello from the backup' } }),
    ],
  });
  const { text, providerMetadata } = await generateText({ model: mesh('chat-completion'), prompt: 'Hi' });
  expect(text).toBe('Hello from the backup');
  expect(providerMetadata?.['modelmesh']).toMatchObject({ model: 'claude-sonnet-4', provider: 'steady', attempts: 3 });
  await mesh.close();
});
