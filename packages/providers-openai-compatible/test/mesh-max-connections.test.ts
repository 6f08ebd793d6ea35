// `providers.<id>.max_connections` through a real mesh over real HTTP: a stream beyond the cap
// waits in the provider's own queue, untimed by the vendor's headers deadline, goes out when
// the earlier one ends, and completes with the model still active.
import type { ServerResponse } from 'node:http';
import { createMesh, type MeshClient, type ProviderPlugin } from '@modelmesh/core';
import { startLocalServer, type LocalServer } from '@modelmesh/testing/servers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackPendingTimers } from '@modelmesh/testing/vitest';
import { providerPlugin } from '../src/index.js';

let server: LocalServer<string> | undefined;
let client: MeshClient | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await client?.close();
  await server?.close();
  client = server = undefined;
});

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const end = chunk({}, 'stop') + 'data: [DONE]\n\n';

/** The OpenAI-compatible plugin, reporting each stream the router hands its provider. */
function reportingPlugin(onStream: () => void): ProviderPlugin {
  return {
    ...providerPlugin,
    create(options) {
      const provider = providerPlugin.create(options);
      const chatStream = provider.chatStream.bind(provider);
      provider.chatStream = (request, call) => {
        const stream = chatStream(request, call);
        onStream();
        return stream;
      };
      return provider;
    },
  };
}

describe('max_connections', () => {
  it('holds a stream beyond the cap in the provider until the earlier one ends, without timing the wait as the vendor’s', async () => {
    const open: ServerResponse[] = [];
    /** Streams still open when each request arrived. */
    const alreadyOpen: number[] = [];
    let arrived: () => void = () => undefined;
    const secondArrived = new Promise<void>((resolve) => (arrived = resolve));
    server = await startLocalServer((_req, res) => {
      const earlier = open.filter((response) => !response.writableEnded);
      alreadyOpen.push(earlier.length);
      open.push(res);
      // Without the cap the second would wait here, its headers deadline running.
      const answer = () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(chunk({ role: 'assistant', content: `answer ${open.indexOf(res) + 1}` }));
        if (open.length === 2) arrived();
      };
      if (earlier.length === 0) answer();
      else earlier[0]?.once('finish', answer);
    });
    let streamsStarted = 0;
    let secondStarted: () => void = () => undefined;
    const secondHandedOver = new Promise<void>((resolve) => (secondStarted = resolve));
    client = createMesh({
      plugins: [reportingPlugin(() => ++streamsStarted === 2 && secondStarted())],
      config: {
        providers: { vendor: { connector: 'openai-compatible', api_key: 'sk-vendor-0001', base_url: server.url, max_connections: 1 } },
        models: { only: { provider: 'vendor', model: 'm', capabilities: ['chat-completion'] } },
        pools: { chat: { models: ['only'], timeouts: { headers: '4321ms' } } },
      },
    });
    const deactivated: unknown[] = [];
    client.on('model.deactivated', (event) => deactivated.push(event));
    const ask = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi' }], stream: true as const };
    const headersDeadlines = trackPendingTimers(4321);

    const first = await client.chat.completions.create(ask);
    const second = client.chat.completions.create(ask);
    await secondHandedOver;
    await new Promise((resolve) => setImmediate(resolve));
    // The first has its headers; the second waits in the provider's queue with no deadline armed.
    expect(headersDeadlines.size).toBe(0);
    expect(server.requests).toHaveLength(1);

    open[0]?.end(end);
    let firstText = '';
    for await (const part of first) firstText += part.choices[0]?.delta.content ?? '';
    await secondArrived;
    open[1]?.end(end);
    let secondText = '';
    for await (const part of await second) secondText += part.choices[0]?.delta.content ?? '';

    expect([firstText, secondText]).toEqual(['answer 1', 'answer 2']);
    expect(alreadyOpen).toEqual([0, 0]);
    expect(deactivated).toEqual([]);
  });
});
