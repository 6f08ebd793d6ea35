// Malformed stream events and a missing [DONE], through a real mesh over real HTTP
// (issue 12, section 5): a few events that are not JSON are skipped and reported; more than
// max_malformed_events break the stream; a finished stream never waits for its [DONE].
import { createMesh, StreamInterruptedError, type MeshClient, type StreamMalformedEventEvent } from '@modelmesh/core';
import { startLocalServer, writeSse, type LocalServer } from '@modelmesh/testing/servers';
import { afterEach, describe, expect, it } from 'vitest';
import { providerPlugin } from '../src/index.js';

const servers: LocalServer<string>[] = [];
const clients: MeshClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const usage = `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } })}\n\n`;
const BAD = 'data: {not json\n\n';

/** A mesh over one server that streams `pieces` (and leaves the connection open unless `end`). */
async function meshOver(pieces: readonly string[], end: boolean, retry: Record<string, unknown> = {}): Promise<{ client: MeshClient; skipped: StreamMalformedEventEvent[] }> {
  const server = await startLocalServer((_req, res) => writeSse(res, pieces, end));
  servers.push(server);
  const client = createMesh({
    plugins: [providerPlugin],
    config: {
      providers: { only: { connector: 'openai-compatible', api_key: 'sk-only-0001', base_url: server.url } },
      models: { m: { provider: 'only', model: 'm', capabilities: ['chat-completion'] } },
      pools: { chat: { models: ['m'], retry, timeouts: { idle: '20s', attempt: '20s' } } },
    },
  });
  clients.push(client);
  const skipped: StreamMalformedEventEvent[] = [];
  client.on('stream.malformed_event', (event) => skipped.push(event));
  return { client, skipped };
}

async function read(client: MeshClient): Promise<{ text: string; usage?: number; error?: unknown }> {
  const stream = await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Hi' }], stream: true });
  let text = '';
  let usage: number | undefined;
  try {
    for await (const c of stream) {
      text += c.choices[0]?.delta.content ?? '';
      usage = c.usage?.total_tokens ?? usage;
    }
  } catch (error) {
    return { text, usage, error };
  }
  return { text, usage };
}

describe('malformed stream events', () => {
  it('skips up to three events that are not JSON and reports each as stream.malformed_event', async () => {
    const { client, skipped } = await meshOver([chunk({ role: 'assistant', content: 'Hel' }), BAD, chunk({ content: 'lo' }), BAD, BAD, chunk({}, 'stop'), usage, 'data: [DONE]\n\n'], true);
    const result = await read(client);
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('Hello');
    expect(result.usage).toBe(10);
    expect(skipped.map((s) => [s.modelKey, s.count, s.excerpt])).toEqual([
      ['m', 1, '{not json'],
      ['m', 2, '{not json'],
      ['m', 3, '{not json'],
    ]);
  });

  it('breaks the stream on the fourth, with the typed interruption the stream path uses', async () => {
    const { client } = await meshOver([chunk({ role: 'assistant', content: 'Hel' }), BAD, BAD, BAD, BAD, chunk({ content: 'lo' }, 'stop'), 'data: [DONE]\n\n'], true);
    const result = await read(client);
    expect(result.text).toBe('Hel');
    expect(StreamInterruptedError.isInstance(result.error)).toBe(true);
    expect((result.error as StreamInterruptedError).reason).toBe('malformed');
  });

  it('follows retry.max_malformed_events', async () => {
    const { client } = await meshOver([chunk({ role: 'assistant', content: 'Hel' }), BAD, chunk({ content: 'lo' }, 'stop'), 'data: [DONE]\n\n'], true, { max_malformed_events: 0 });
    expect(StreamInterruptedError.isInstance((await read(client)).error)).toBe(true);
  });
});

describe('a stream without [DONE]', () => {
  it('finalises at once, with the usage, when the server finishes and then holds the connection open', async () => {
    // idle is 20 s: the answer must end long before it, or the test times out.
    const { client } = await meshOver([chunk({ role: 'assistant', content: 'Hello' }), chunk({}, 'stop'), usage], false);
    const result = await read(client);
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('Hello');
    expect(result.usage).toBe(10);
  });

  it('finalises a finished stream whose connection closes without [DONE]', async () => {
    const { client } = await meshOver([chunk({ role: 'assistant', content: 'Hello' }), chunk({}, 'stop'), usage], true);
    const result = await read(client);
    expect(result.error).toBeUndefined();
    expect(result.usage).toBe(10);
  });

  it('still reports a stream cut before its finish as interrupted', async () => {
    const { client } = await meshOver([chunk({ role: 'assistant', content: 'Hel' })], true);
    const result = await read(client);
    expect(StreamInterruptedError.isInstance(result.error)).toBe(true);
    expect((result.error as StreamInterruptedError).reason).toBe('cut');
  });
});
