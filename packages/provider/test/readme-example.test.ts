import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PROVIDER_SPECIFICATION_VERSION, type Provider, type ProviderPlugin } from '../src/index.js';

// The README's example, kept compiling and answering here.
const echo = (id: string): Provider => ({
  id,
  connector: 'echo.llm.v1',
  async chat(request) {
    const last = request.messages.at(-1);
    return {
      id: 'echo-1',
      object: 'chat.completion',
      created: 0,
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content: `Echo: ${String(last?.content)}`, refusal: null }, finish_reason: 'stop', logprobs: null }],
    };
  },
  async chatStream() {
    throw new Error('streaming is not offered by this example');
  },
});

const providerPlugin: ProviderPlugin = {
  specificationVersion: PROVIDER_SPECIFICATION_VERSION,
  connector: 'echo.llm.v1',
  vendor: 'Echo',
  defaultId: 'echo',
  envVars: [],
  models: [{ id: 'echo-1', capabilities: ['chat-completion'] }],
  create: (options) => echo(options.id),
};

it('the README example answers, and the README shows it', async () => {
  const provider = providerPlugin.create({ id: 'echo' });
  const controller = new AbortController();
  const answer = await provider.chat({ model: 'echo-1', messages: [{ role: 'user', content: 'Hello!' }] }, { signal: controller.signal, timeouts: {} });
  expect(answer.choices[0]?.message.content).toBe('Echo: Hello!');
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain("content: `Echo: ${String(last?.content)}`");
  expect(readme).toContain('specificationVersion: PROVIDER_SPECIFICATION_VERSION,');
});
