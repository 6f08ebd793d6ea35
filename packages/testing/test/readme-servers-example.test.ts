import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { rateLimited, startFakeOpenAIServer } from '../src/servers/index.js';

it('runs the README fake-server example as written', async () => {
  const server = await startFakeOpenAIServer();
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'Hi' }];

  server.script(rateLimited({ retryAfter: 7 }), { kind: 'ok', content: 'Hello!' });
  const limited: unknown = await client.chat.completions.create({ model: 'gpt-4o', messages }).catch((e: unknown) => e);
  const answer = await client.chat.completions.create({ model: 'gpt-4o', messages });

  expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
  expect(answer.choices[0]?.message.content).toBe('Hello!');
  expect(server.requests[1]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', model: 'gpt-4o', stream: false, end: 'completed' });
  await server.close();
});
