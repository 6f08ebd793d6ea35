import { createMesh } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { startProxy } from '../src/index.js';

it('runs the README example as written', async () => {
  const mesh = createMesh({
    providers: [mockProviderEntry({ id: 'demo', models: ['gpt-4o'], script: { type: 'ok', content: 'Hello from ModelMesh' } })],
  });
  const proxy = await startProxy({ mesh, port: 0, log: () => {} });

  const client = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'unused' });
  const { data, response } = await client.chat.completions
    .create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] })
    .withResponse();
  expect(data.choices[0]?.message.content).toBe('Hello from ModelMesh');
  expect(response.headers.get('x-modelmesh-model')).toBe('gpt-4o');

  await proxy.close();
  await mesh.close();
});
