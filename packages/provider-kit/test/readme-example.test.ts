import type { ChatCompletion, ChatCompletionChunk, Provider, ProviderCall } from '@modelmesh/provider';
import { afterEach, expect, it } from 'vitest';
import { createHttpClient, readSseJson } from '../src/index.js';
import { type LocalServer, sse, startServer } from './support/local-server.js';

// The README's example, with the base URL as a parameter so it can run against a local server.
function createMyProvider(apiKey: string, baseUrl = 'https://api.my-vendor.example/v1'): Provider {
  const http = createHttpClient({
    providerId: 'my-vendor',
    baseUrl,
    headers: { authorization: `Bearer ${apiKey}` },
    secrets: [apiKey],
  });
  return {
    id: 'my-vendor',
    connector: 'my-vendor.llm.v1',
    async chat(request, call) {
      const { data } = await http.requestJson({
        path: '/chat/completions',
        body: request,
        signal: call.signal,
        modelId: request.model,
        timeouts: { firstByte: call.timeouts.firstByte, idle: call.timeouts.idle },
        reportRateLimit: call.reportRateLimit,
      });
      return data as ChatCompletion;
    },
    async chatStream(request, call) {
      const response = await http.requestStream({
        path: '/chat/completions',
        body: { ...request, stream: true },
        accept: 'text/event-stream',
        signal: call.signal,
        modelId: request.model,
        timeouts: call.timeouts,
        reportRateLimit: call.reportRateLimit,
      });
      const events = readSseJson(response.chunks(), { providerId: 'my-vendor', modelId: request.model });
      return (async function* () {
        for await (const event of events) yield event.data as ChatCompletionChunk;
      })();
    },
  };
}

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
});

it('the README example provider works against a local server', async () => {
  server = await startServer((_req, res, body) => {
    if ((JSON.parse(body) as { stream?: boolean }).stream) {
      sse(res, [`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] })}\n\n`, 'data: [DONE]\n\n']);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'c', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'hello', refusal: null }, finish_reason: 'stop', logprobs: null }] }));
  });
  const provider = createMyProvider('key-1234', server.url);
  const call: ProviderCall = { signal: new AbortController().signal, timeouts: { firstByte: 5000, idle: 5000 } };
  expect((await provider.chat({ model: 'm', messages: [] }, call)).choices[0]?.message.content).toBe('hello');
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of await provider.chatStream({ model: 'm', messages: [], stream: true }, call)) chunks.push(chunk);
  expect(chunks.map((c) => c.choices[0]?.delta.content)).toEqual(['hi']);
  expect(server.requests[0]?.headers['authorization']).toBe('Bearer key-1234');
});
