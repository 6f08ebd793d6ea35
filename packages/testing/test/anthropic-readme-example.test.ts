import { expect, it } from 'vitest';
import { anthropicRateLimited, startFakeAnthropicServer } from '../src/servers/index.js';

it('runs the README fake Anthropic server example (with fetch standing in for the SDK)', async () => {
  const server = await startFakeAnthropicServer({ apiKey: 'sk-ant-test' });
  const create = (body: unknown) =>
    fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const params = { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };

  server.script(anthropicRateLimited({ retryAfter: 7 }), { kind: 'ok', content: 'Hello!' });
  const limited = await create(params);
  const answer = await create(params);

  expect(limited.status).toBe(429);
  expect(await limited.json()).toMatchObject({ error: { type: 'rate_limit_error' } });
  expect(await answer.json()).toMatchObject({ content: [{ type: 'text', text: 'Hello!' }] });
  expect(server.requests[1]).toMatchObject({ method: 'POST', path: '/v1/messages', model: 'claude-haiku-4-5', stream: false, end: 'completed' });
  await server.close();
});
