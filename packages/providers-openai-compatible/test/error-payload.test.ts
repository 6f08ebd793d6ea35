import { RateLimitError, type ChatCompletionChunk, type ProviderCall } from '@modelmesh/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAICompatibleProvider, isErrorPayload } from '../src/internal.js';
import { type LocalServer, sse, startServer } from './support/local-server.js';
import { streamEvents } from './support/openai-wire.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const base = { id: 'gen-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
const errorChunk = (error: unknown, finish: string | null = 'error') => ({ ...base, error, choices: [{ index: 0, delta: { content: '' }, finish_reason: finish }] });

describe('isErrorPayload', () => {
  it('recognises error events and bodies that are an error report', () => {
    expect(isErrorPayload({}, 'error')).toBe(true);
    expect(isErrorPayload({ error: { message: 'x' } })).toBe(true);
    expect(isErrorPayload({ error: 'x' })).toBe(true);
    expect(isErrorPayload({ error: null })).toBe(false);
    expect(isErrorPayload('text')).toBe(false);
  });

  it('recognises a chunk with a top-level error and finish_reason "error"', () => {
    expect(isErrorPayload(errorChunk({ code: 502, message: 'Provider disconnected' }))).toBe(true);
    expect(isErrorPayload({ ...base, error: { message: 'x' }, choices: [{ index: 0, delta: {}, finish_reason: null }, { index: 1, delta: {}, finish_reason: 'error' }] })).toBe(true);
  });

  it('takes a chunk with choices that did not end in error for data', () => {
    expect(isErrorPayload(errorChunk({ message: 'x' }, 'stop'))).toBe(false);
    expect(isErrorPayload(errorChunk(null))).toBe(false);
    expect(isErrorPayload({ ...base, error: { message: 'x' }, choices: [] })).toBe(false);
    expect(isErrorPayload({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'error' }] })).toBe(false);
  });
});

describe('a stream with an error chunk', () => {
  const call = (): ProviderCall => ({ signal: new AbortController().signal, timeouts: {} });

  it('ends with the typed error after the chunks before it, and releases the connection', async () => {
    const s = (server = await startServer((_req, res) => {
      const [first, second] = streamEvents(['Par']);
      sse(res, [first ?? '', second ?? '', `data: ${JSON.stringify(errorChunk({ code: 429, message: 'Rate limit exceeded upstream' }))}\n\n`], false);
    }));
    const stream = await createOpenAICompatibleProvider({ id: 'local', baseUrl: s.url, apiKey: 'key-123456' }).chatStream({ model: 'm', messages: [], stream: true }, call());
    const seen: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk);
    })().catch((e: unknown) => e);
    expect(seen.map((c) => c.choices[0]?.delta.content)).toEqual(['', 'Par']);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('Rate limit exceeded upstream');
    await s.clientClosed;
  });
});
