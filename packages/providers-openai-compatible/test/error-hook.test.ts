import { AuthenticationError, ProviderHttpError, type ChatCompletionChunk, type ProviderCall, type ProviderError } from '@modelmesh/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, reclassified, type ErrorReclassifier } from '../src/internal.js';
import { type LocalServer, sse, startServer } from './support/local-server.js';
import { sendJson, streamEvents } from './support/openai-wire.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const call = (signal = new AbortController().signal): ProviderCall => ({ signal, timeouts: {} });

/** A vendor answering a wrong key with HTTP 400. */
const wrongKeyAs401: ErrorReclassifier = (error) =>
  ProviderHttpError.isInstance(error) && error.status === 400 && /wrong key/i.test(error.message)
    ? new AuthenticationError({ providerId: error.providerId, status: 400, message: error.message, cause: error })
    : error;

const wrongKey = { error: { message: 'Wrong key given' } };

async function drain(iterable: AsyncIterable<ChatCompletionChunk>): Promise<void> {
  for await (const _chunk of iterable) {
    // drain
  }
}

describe('reclassifyError', () => {
  it('reclassifies what chat, streams, embeddings and model listings throw', async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 400, wrongKey)));
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, reclassifyError: wrongKeyAs401 });
    const calls: Promise<unknown>[] = [
      provider.chat({ model: 'm', messages: [] }, call()),
      provider.chatStream({ model: 'm', messages: [], stream: true }, call()),
      provider.embed({ model: 'e', input: 'x' }, call()),
      provider.listModels(),
    ];
    for (const pending of calls) await expect(pending).rejects.toMatchObject({ name: 'AuthenticationError', status: 400 });
  });

  it('leaves errors it does not recognise as they are', async () => {
    const s = (server = await startServer((_req, res) => sendJson(res, 400, { error: { message: 'Argument not supported: stop' } })));
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, reclassifyError: wrongKeyAs401 });
    await expect(provider.chat({ model: 'm', messages: [] }, call())).rejects.toMatchObject({ name: 'ProviderHttpError', status: 400 });
  });

  it('sees errors thrown while a stream is read', async () => {
    const s = (server = await startServer((_req, res) => sse(res, [...streamEvents(['a'], { done: false, usage: false }).slice(0, 2), `data: ${JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } })}\n\n`])));
    const seen: ProviderError[] = [];
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, reclassifyError: (error) => (seen.push(error), error) });
    await expect(drain(await provider.chatStream({ model: 'm', messages: [], stream: true }, call()))).rejects.toMatchObject({ message: expect.stringContaining('overloaded') });
    expect(seen).toHaveLength(1);
  });

  it("never sees a caller's abort reason", async () => {
    const s = (server = await startServer(() => undefined));
    const seen: unknown[] = [];
    const provider = createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, reclassifyError: (error) => (seen.push(error), error) });
    const controller = new AbortController();
    const reason = new Error('caller stop');
    const pending = provider.chat({ model: 'm', messages: [] }, call(controller.signal));
    setImmediate(() => controller.abort(reason));
    await expect(pending).rejects.toBe(reason);
    expect(seen).toEqual([]);
    expect(reclassified(reason, wrongKeyAs401)).toBe(reason);
  });
});
