import type { ChatCompletionChunk, ProviderCall } from '@modelmesh/provider';
import { startLocalServer, writeSse, type LocalServer } from '@modelmesh/testing/servers';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoogle } from '../src/index.js';

const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });

let server: LocalServer<string> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A local HTTP server answering every request with these SSE events, each in its own write. */
async function serveEvents(events: readonly unknown[]): Promise<string> {
  server = await startLocalServer((_req, res) => writeSse(res, events.map((data) => `data: ${JSON.stringify(data)}\r\n\r\n`)));
  return server.url;
}

const shape = (chunk: ChatCompletionChunk) => ({ index: chunk.choices[0]?.index, delta: chunk.choices[0]?.delta, finish: chunk.choices[0]?.finish_reason, usage: chunk.usage?.total_tokens });
const usage = { promptTokenCount: 2, candidatesTokenCount: 2, totalTokenCount: 4 };

describe('google stream: events that give no chunk, and one event that gives several', () => {
  it('yields the chunks of each event in order, over HTTP, then the usage once', async () => {
    const url = await serveEvents([
      { candidates: [{ index: 0, content: { role: 'model', parts: [{ text: 'A' }] } }], usageMetadata: usage },
      // Usage only: no chunk.
      { usageMetadata: usage },
      // Two candidates, both finishing: five chunks from one event.
      {
        candidates: [
          { index: 0, content: { role: 'model', parts: [{ text: '!' }] }, finishReason: 'STOP' },
          { index: 1, content: { role: 'model', parts: [{ text: 'B' }] }, finishReason: 'STOP' },
        ],
        usageMetadata: usage,
      },
    ]);
    const google = createGoogle({ apiKey: 'AIzaSyStreamEventsKey-0001', baseUrl: url, env: {} });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await google.chatStream({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }], n: 2, stream: true }, call())) chunks.push(chunk);
    expect(chunks.map(shape)).toEqual([
      { index: 0, delta: { role: 'assistant', content: '' }, finish: null, usage: undefined },
      { index: 0, delta: { content: 'A' }, finish: null, usage: undefined },
      { index: 0, delta: { content: '!' }, finish: null, usage: undefined },
      { index: 0, delta: {}, finish: 'stop', usage: undefined },
      { index: 1, delta: { role: 'assistant', content: '' }, finish: null, usage: undefined },
      { index: 1, delta: { content: 'B' }, finish: null, usage: undefined },
      { index: 1, delta: {}, finish: 'stop', usage: undefined },
      { index: undefined, delta: undefined, finish: undefined, usage: 4 },
    ]);
  });
});
