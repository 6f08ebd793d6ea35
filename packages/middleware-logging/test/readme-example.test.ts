import { createMesh } from '@modelmesh/core';
import { mockProviderEntry } from '@modelmesh/testing';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { loggingMiddleware } from '../src/index.js';

it('runs the README example as written', async () => {
  const written: string[] = [];
  const logger = pino({}, { write: (line: string) => void written.push(line) });
  const client = createMesh({
    providers: [mockProviderEntry({ id: 'demo', models: ['gpt-4o'], script: { type: 'ok', content: 'Hello!' } })],
    middleware: [loggingMiddleware({ logger, level: 'info' })],
  });
  await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
  expect(JSON.parse(written[0] ?? '{}')).toMatchObject({ level: 30, msg: 'request completed', pool: 'chat-completion', model: 'gpt-4o', provider: 'demo', attempts: 1, failovers: 0, cacheHit: false });
  await client.close();
});
