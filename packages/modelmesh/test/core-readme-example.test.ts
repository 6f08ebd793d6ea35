// Core's README example, run here because this package has a provider-package stand-in
// (core cannot depend on the testing package: it would be a cycle). The fake plugin plays OpenAI.
import { AllProvidersExhaustedError, createMesh } from '@modelmesh/core';
import { expect, it } from 'vitest';
import { fakePlugin } from './support/fake-plugin.js';

it("runs @modelmesh/core's README example as written", async () => {
  const openai = { ...fakePlugin(), connector: 'openai.llm.v1', defaultId: 'openai' };
  const anthropic = { ...fakePlugin({ type: 'http', status: 500 }), connector: 'anthropic.claude.v1', defaultId: 'anthropic' };
  const client = createMesh({
    plugins: [openai, anthropic],
    env: { OPENAI_API_KEY: 'sk-readme', ANTHROPIC_API_KEY: 'sk-ant-readme' },
    config: `
providers:
  openai:
    api_key: \${OPENAI_API_KEY}
  anthropic:
    api_key: \${ANTHROPIC_API_KEY}
pools:
  chat: { capability: chat-completion, strategy: stick-until-failure }
`,
  });
  let answer: string | null | undefined;
  try {
    const response = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hello!' }] });
    answer = response.choices[0]?.message.content;
  } catch (error) {
    if (error instanceof AllProvidersExhaustedError) throw new Error(`all ${error.attempts} attempts failed`);
    else throw error;
  } finally {
    await client.close();
  }
  expect(answer).toBe('Hello from the fake vendor!');
});
