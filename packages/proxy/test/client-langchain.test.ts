import { ChatOpenAI } from '@langchain/openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './support/proxy-fixture.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const chat = (f: Fixture) => new ChatOpenAI({ model: 'chat', apiKey: 'sk-app', maxRetries: 0, configuration: { baseURL: f.baseURL } });
const proxy = { auth: { keys: [{ name: 'app', key: 'sk-app' }] } };

describe("LangChain's ChatOpenAI", () => {
  it('invoke', async () => {
    fixture = await startFixture({ script: { type: 'ok', content: 'LangChain through the mesh' }, config: { proxy } });
    const message = await chat(fixture).invoke('Hello');
    expect(message.content).toBe('LangChain through the mesh');
    expect(fixture.primary.provider.calls[0].messages[0]).toMatchObject({ role: 'user', content: 'Hello' });
  });

  it('stream', async () => {
    fixture = await startFixture({ script: { type: 'ok', chunks: ['Lang', 'Chain ', 'stream'] }, config: { proxy } });
    const parts: string[] = [];
    for await (const chunk of await chat(fixture).stream('Hello')) {
      if (typeof chunk.content === 'string' && chunk.content !== '') parts.push(chunk.content);
    }
    expect(parts.join('')).toBe('LangChain stream');
    expect(parts.length).toBeGreaterThan(1);
  });
});
