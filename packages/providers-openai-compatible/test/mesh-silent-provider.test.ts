// A silent provider through a real mesh, over real HTTP: the router leaves it once its
// headers or first-token limit passes and answers from the fallback, without trying the
// silent one again (issue 12, section 1). Limits are short so the tests stay fast, with room
// for a loaded machine: the fallback must answer within them too.
import { createMesh, ProviderTimeoutError, type AttemptFailedEvent, type MeshClient } from '@modelmesh/core';
import { startFakeOpenAIServer, type FakeOpenAIServer, type FakeStep } from '@modelmesh/testing/servers';
import { afterEach, describe, expect, it } from 'vitest';
import { providerPlugin } from '../src/index.js';

const servers: FakeOpenAIServer[] = [];
const clients: MeshClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A primary scripted with `primary` and a healthy fallback, on two fake servers. */
async function twoServers(primary: FakeStep, timeouts: Record<string, string>): Promise<{ client: MeshClient; failures: AttemptFailedEvent[]; primary: FakeOpenAIServer; fallback: FakeOpenAIServer }> {
  const first = await startFakeOpenAIServer();
  const second = await startFakeOpenAIServer();
  servers.push(first, second);
  first.script(primary);
  const client = createMesh({
    plugins: [providerPlugin],
    config: {
      providers: {
        slow: { connector: 'openai-compatible', api_key: 'sk-slow-0001', base_url: first.url },
        quick: { connector: 'openai-compatible', api_key: 'sk-quick-0001', base_url: second.url },
      },
      models: {
        primary: { provider: 'slow', model: 'gpt-4o-mini', capabilities: ['chat-completion'] },
        fallback: { provider: 'quick', model: 'gpt-4o-mini', capabilities: ['chat-completion'] },
      },
      pools: { chat: { models: ['primary', 'fallback'], strategy: 'priority', timeouts } },
    },
  });
  clients.push(client);
  const failures: AttemptFailedEvent[] = [];
  client.on('attempt.failed', (event) => failures.push(event));
  return { client, failures, primary: first, fallback: second };
}

const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('a silent provider is a reason to move', () => {
  it('leaves a server that accepts a non-streaming request and says nothing once the headers deadline passes', async () => {
    const { client, failures, primary, fallback } = await twoServers({ kind: 'timeout' }, { headers: '500ms', attempt: '20s' });
    const answer = await client.chat.completions.create(ask);
    expect(answer.choices[0]?.message.content).toBe('Echo: Hello');
    expect(primary.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(1);
    expect(failures.map((f) => [f.modelKey, f.error.name, f.next])).toEqual([['primary', 'ProviderTimeoutError', 'failover']]);
    expect(failures[0]?.error.message).toContain('(headers)');
  });

  it('leaves a stream that sends its headers and then nothing once the first-token limit passes', async () => {
    const { client, failures, primary, fallback } = await twoServers({ kind: 'slow-first-token', delayMs: 60_000 }, { first_token: '500ms', headers: '5s', attempt: '20s' });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo: Hello');
    expect(primary.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(1);
    expect(failures.map((f) => [f.modelKey, f.next])).toEqual([['primary', 'failover']]);
    expect(failures[0]?.error.message).toContain('(first-token)');
  });

  it('leaves a stream whose server accepts the connection and never sends headers', async () => {
    const { client, failures, primary } = await twoServers({ kind: 'timeout' }, { headers: '500ms', first_token: '10s', attempt: '20s' });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo: Hello');
    expect(primary.requests).toHaveLength(1);
    expect(failures[0]?.error.message).toContain('(headers)');
  });

  it('gives the caller a typed timeout naming the phase when no candidate answers', async () => {
    const { client, primary, fallback } = await twoServers({ kind: 'timeout' }, { headers: '100ms', attempt: '20s' });
    fallback.script({ kind: 'timeout' });
    const error = await client.chat.completions.create(ask).catch((e: unknown) => e);
    expect(primary.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(1);
    const last = (error as { lastError?: unknown }).lastError;
    expect(ProviderTimeoutError.isInstance(last)).toBe(true);
    expect((last as ProviderTimeoutError).phase).toBe('headers');
  });
});
