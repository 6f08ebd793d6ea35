import { describe, expect, it } from 'vitest';
import { createMesh, Middleware, RequestAbortedError, type ChatCompletion, type MiddlewareContext, type Provider, type ProviderCall } from '../src/index.js';
import { ask, twoModelMesh } from './support/mesh-fixture.js';

const answer = (model: string): ChatCompletion => ({
  id: 'c',
  object: 'chat.completion',
  created: 1,
  model,
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'ok', refusal: null } }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

describe('the abort contract is plain AbortSignal and plain objects', () => {
  it('a provider call and a middleware context keep their signal through a { ...copy }, and it is the attempt signal', async () => {
    const seen: { call?: ProviderCall; copy?: ProviderCall; context?: MiddlewareContext; contextCopy?: MiddlewareContext } = {};
    const provider: Provider = {
      id: 'spread',
      connector: 'test.spread.v1',
      chat: async (request, call) => {
        seen.call = call;
        seen.copy = { ...call };
        return answer(request.model);
      },
      chatStream: () => Promise.reject(new Error('not used')),
    };
    const client = createMesh({
      providers: [{ provider, models: [{ id: 'm', capabilities: ['chat-completion'] }] }],
      config: { pools: { chat: { capability: 'chat-completion' } } },
      middleware: [
        new (class extends Middleware {
          override async beforeRequest(request: Parameters<Middleware['beforeRequest']>[0], context: MiddlewareContext) {
            seen.context = context;
            seen.contextCopy = { ...context };
            return request;
          }
        })(),
      ],
    });
    await client.chat.completions.create(ask);
    expect(seen.copy?.signal).toBeInstanceOf(AbortSignal);
    expect(seen.copy?.signal).toBe(seen.call?.signal);
    expect(seen.contextCopy?.signal).toBe(seen.context?.signal);
    expect(seen.context?.signal).toBe(seen.call?.signal);
    expect(Object.keys(seen.call ?? {})).not.toContain('abortWatch');
  });

  it('stream.controller is a real AbortController: aborting it cancels the request and the provider call', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b', 'c'], stallAfter: 1 });
    const stream = await client.chat.completions.create({ ...ask, stream: true as const });
    expect(stream.controller).toBeInstanceOf(AbortController);
    const reason = new Error('user pressed stop');
    const error = await (async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content === 'a') stream.controller.abort(reason);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error as RequestAbortedError).cause).toBe(reason);
    expect(a.calls[0]?.signal.aborted).toBe(true);
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('a stream aborted through its controller before anyone reads it settles the request as cancelled', async () => {
    const { client, a, events } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b'] });
    const stream = await client.chat.completions.create({ ...ask, stream: true as const });
    stream.controller.abort();
    await new Promise((resolve) => setImmediate(resolve));
    const completed = events.filter((e) => e.name === 'request.completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.event).toMatchObject({ ok: false, error: { name: 'RequestAbortedError' } });
    expect(a.calls[0]?.signal.aborted).toBe(true);
    await expect((async () => {
      for await (const _ of stream) void _;
    })()).rejects.toBeInstanceOf(RequestAbortedError);
  });
});
