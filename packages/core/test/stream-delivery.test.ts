import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMesh, ManualClock, RequestAbortedError, type ChatCompletionChunk, type MeshMiddleware, type Provider } from '../src/index.js';
import { AttemptSignal } from '../src/router/attempt-signal.js';
import { CompletionAssembler } from '../src/streaming/completion-assembler.js';
import { chatModels, FakeProvider } from './support/fake-provider.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

const streamAsk = { ...ask, stream: true as const };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a delivered stream', () => {
  it('finalChatCompletion() is the completion of exactly the chunks the caller saw (no chunk middleware)', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['Hel', 'lo', ' there'] });
    const stream = await client.chat.completions.create(streamAsk);
    const seen = new CompletionAssembler();
    for await (const chunk of stream) seen.add(chunk);
    const final = await stream.finalChatCompletion();
    expect(final).toEqual(seen.toCompletion());
    expect(final.choices[0]?.message.content).toBe('Hello there');
    // Asked twice, the same answer.
    expect(await stream.finalChatCompletion()).toEqual(final);
  });

  it('finalChatCompletion() holds what chunk middleware changed, not what the model sent', async () => {
    const shouting: MeshMiddleware = {
      name: 'shouting',
      onStreamChunk: (chunk) => ({ ...chunk, choices: chunk.choices.map((c) => ({ ...c, delta: { ...c.delta, ...(c.delta.content ? { content: c.delta.content.toUpperCase() } : {}) } })) }),
    };
    const { client, a } = twoModelMesh({}, [shouting]);
    a.script('model-a', { stream: ['Hel', 'lo'] });
    const stream = await client.chat.completions.create(streamAsk);
    const seen = new CompletionAssembler();
    for await (const chunk of stream) seen.add(chunk);
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('HELLO');
    expect(final).toEqual(seen.toCompletion());
  });

  it('finalChatCompletion() of a stream nobody iterates reads it, and rejects once the stream is left early', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['x', 'y'] }, { stream: ['p', 'q'] });
    const unread = await client.chat.completions.create(streamAsk);
    expect((await unread.finalChatCompletion()).choices[0]?.message.content).toBe('xy');
    const left = await client.chat.completions.create(streamAsk);
    for await (const _ of left) break;
    await expect(left.finalChatCompletion()).rejects.toBeInstanceOf(RequestAbortedError);
  });

  it('abort() cancels the request upstream without anyone reading controller; controller is then a real, aborted AbortController', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b', 'c'], stallAfter: 1 });
    const stream = await client.chat.completions.create(streamAsk);
    const error = await (async () => {
      for await (const _ of stream) stream.abort();
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(a.calls[0]?.signal.aborted).toBe(true);
    expect(stream.controller).toBeInstanceOf(AbortController);
    expect(stream.controller).toBe(stream.controller);
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('concurrent next() calls are answered in order, as by a generator', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b', 'c'] });
    const stream = await client.chat.completions.create(streamAsk);
    const iterator = stream[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 8 }, () => iterator.next()));
    // Role chunk, three pieces, finish chunk, usage chunk: then the end, for every later call.
    expect(results.map((r) => r.done)).toEqual([false, false, false, false, false, false, true, true]);
    expect(results.map((r) => (r.done ? '' : (r.value.choices[0]?.delta.content ?? ''))).join('')).toBe('abc');
  });

  it('return() before the first next() settles the request once and closes the provider call', async () => {
    const { client, a, events } = twoModelMesh();
    a.script('model-a', { stream: ['a', 'b'] });
    const stream = await client.chat.completions.create(streamAsk);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(events.filter((e) => e.name === 'request.completed')).toHaveLength(1);
    expect(a.calls[0]?.signal.aborted).toBe(true);
  });

  it('races the attempt signal a fixed number of times per stream, not once per chunk', async () => {
    const races = vi.spyOn(AttemptSignal.prototype, 'race');
    const countFor = async (pieces: string[]): Promise<number> => {
      races.mockClear();
      const { client, a } = twoModelMesh();
      a.script('model-a', { stream: pieces });
      for await (const _ of await client.chat.completions.create(streamAsk)) void _;
      return races.mock.calls.length;
    };
    const short = await countFor(['a']);
    const long = await countFor(Array.from({ length: 40 }, (_, i) => `w${i} `));
    expect(long).toBe(short);
  });

  it('drops a read that settles after its stream was given up (idle timeout, then recovery on another model)', async () => {
    const clock = new ManualClock();
    let releaseStale: ((result: IteratorResult<ChatCompletionChunk>) => void) | undefined;
    const chunk = (model: string, content: string, finish: 'stop' | null = null): ChatCompletionChunk => ({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model,
      choices: [{ index: 0, delta: { content }, finish_reason: finish, logprobs: null }],
    });
    // Sends one piece, then a read that ignores its abort signal and settles only when the test says so.
    const deaf: Provider = {
      id: 'pa',
      connector: 'fake.llm.v1',
      chat: () => Promise.reject(new Error('unused')),
      chatStream: async () => {
        let reads = 0;
        const iterator: AsyncIterator<ChatCompletionChunk> = {
          next: () => (++reads === 1 ? Promise.resolve({ done: false, value: chunk('model-a', 'Hel') }) : new Promise((resolve) => (releaseStale = resolve))),
          return: () => Promise.resolve({ done: true, value: undefined }),
        };
        return { [Symbol.asyncIterator]: () => iterator };
      },
    };
    const b = new FakeProvider('pb', clock);
    b.script('model-b', { stream: ['Hel', 'lo'] });
    const client = createMesh({
      clock,
      random: () => 0.5,
      providers: [
        { provider: deaf, models: chatModels('model-a') },
        { provider: b, models: chatModels('model-b') },
      ],
      config: {
        models: { 'model-a': { provider: 'pa', capabilities: ['chat-completion'] }, 'model-b': { provider: 'pb', capabilities: ['chat-completion'] } },
        pools: { chat: { models: ['model-a', 'model-b'], strategy: 'priority', timeouts: { idle: '5s' }, stream_recovery: 'restart' } },
      },
    });
    const stream = await client.chat.completions.create(streamAsk);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const c of stream) {
        seen.push(c.choices[0]?.delta.content ?? '');
        // Once model-b has taken over, the stale read of model-a settles: it must not reach the caller.
        if (c.model === 'model-b') releaseStale?.({ done: false, value: chunk('model-a', 'STALE', 'stop') });
      }
    })();
    await withClock(clock, reading);
    expect(seen.join('')).toBe('Hello');
    expect((await stream.finalChatCompletion()).choices[0]?.message.content).toBe('Hello');
  });
});

describe('AttemptSignal', () => {
  it('rejects every pending race at once when it aborts, even if the promise never settles', async () => {
    const attempt = new AttemptSignal(new ManualClock(), undefined);
    const never = new Promise<never>(() => undefined);
    const first = attempt.race(never);
    const second = attempt.race(never);
    const reason = new RequestAbortedError();
    attempt.abort(reason);
    await expect(first).rejects.toBe(reason);
    await expect(second).rejects.toBe(reason);
    await expect(attempt.race(Promise.resolve(1))).rejects.toBe(reason);
  });

  it('a race that settled no longer waits: a later abort does not call its waiter', async () => {
    const attempt = new AttemptSignal(new ManualClock(), undefined);
    expect(await attempt.race(Promise.resolve('ok'))).toBe('ok');
    const waiter = vi.fn();
    attempt.wait(waiter);
    attempt.stopWaiting(waiter);
    attempt.abort(new Error('late'));
    expect(waiter).not.toHaveBeenCalled();
  });
});
