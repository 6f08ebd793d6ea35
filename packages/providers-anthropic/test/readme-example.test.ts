import { readFileSync } from 'node:fs';
import { createMesh } from '@modelmesh/core';
import { startFakeAnthropicServer } from '@modelmesh/testing/servers';
import { expect, it } from 'vitest';
import { createAnthropic } from '../src/index.js';

it('runs the README offline example as written', async () => {
  const server = await startFakeAnthropicServer(); // a local stand-in for api.anthropic.com
  const anthropic = createAnthropic({ apiKey: 'sk-ant-test', baseUrl: server.url, env: {} });
  const mesh = createMesh({
    providers: [{ provider: anthropic, models: anthropic.models }],
    config: { pools: { chat: { capability: 'chat-completion' } } },
  });

  const answer = await mesh.chat.completions.create({
    model: 'chat',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hello!' },
    ],
  });
  expect(answer.choices[0]?.message.content).toBe('Echo: Hello!');
  expect(server.requests[0]?.body).toMatchObject({ model: expect.stringMatching(/^claude-/), max_tokens: expect.any(Number), system: 'You are terse.', messages: [{ role: 'user', content: 'Hello!' }] });

  await mesh.close();
  await server.close();
});

it('the README shows that example, and documents every dropped parameter', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain("const anthropic = createAnthropic({ apiKey: 'sk-ant-test', baseUrl: server.url });");
  expect(readme).toContain("console.log(answer.choices[0]?.message.content); // 'Echo: Hello!'");
  const { UNSUPPORTED_OPENAI_PARAMS } = await import('../src/internal.js');
  for (const param of UNSUPPORTED_OPENAI_PARAMS) expect(readme, param).toContain(`\`${param}\``);
});
