import type { ChatCompletionChunk, ProviderCall } from '@modelmesh/provider';
import { startLocalServer, writeSse, type LocalServer } from '@modelmesh/testing/servers';
import { drain } from '@modelmesh/testing/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropic } from '../src/index.js';

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });

let server: LocalServer<string> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A local HTTP server answering every request with these SSE events, each in its own write. */
async function serveEvents(events: readonly { event: string; data: unknown }[]): Promise<string> {
  server = await startLocalServer((_req, res) => writeSse(res, events.map(({ event, data }) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)));
  return server.url;
}

const shape = (chunk: ChatCompletionChunk) => ({ delta: chunk.choices[0]?.delta, finish: chunk.choices[0]?.finish_reason, usage: chunk.usage?.total_tokens });

describe('anthropic stream: events that give no chunk, and one event that gives several', () => {
  it('yields the chunks of each event in order, over HTTP', async () => {
    const url = await serveEvents([
      // No message_start: the first text delta brings the role chunk with it (two chunks).
      { event: 'ping', data: { type: 'ping' } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } } },
      { event: 'ping', data: { type: 'ping' } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { input_tokens: 2, output_tokens: 1 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]);
    const anthropic = createAnthropic({ apiKey: 'sk-ant-events', baseUrl: url, env: {} });
    const { chunks, error } = await drain(await anthropic.chatStream({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }], stream: true }, call()));
    expect(error).toBeUndefined();
    expect(chunks.map(shape)).toEqual([
      { delta: { role: 'assistant', content: '' }, finish: null, usage: undefined },
      { delta: { content: 'Hi' }, finish: null, usage: undefined },
      { delta: {}, finish: 'stop', usage: undefined },
      { delta: undefined, finish: undefined, usage: 3 },
    ]);
  });
});
