import { describe, expect, it, vi } from 'vitest';
import { ManualClock, ProviderError, ProviderTimeoutError, RequestAbortedError, type ChatCompletionChunk, type Provider, type ProviderCall } from '../src/index.js';
import { AttemptSignal } from '../src/router/attempt-signal.js';
import type { MeshModel } from '../src/router/mesh-model.js';
import { openStreamUntilFirstContent } from '../src/router/stream-commit.js';

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], stream: true as const };
const FIRST_TOKEN_MS = 2_000;
/** Lets every pending promise reaction run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function chunk(content: string | null, finish: 'stop' | null = null): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: content === null ? { role: 'assistant' } : { content }, finish_reason: finish, logprobs: null }] };
}

/** A provider whose stream answers each next() as `reads` says: a chunk, the end, a rejection, a throw, or never. */
function scripted(reads: ReadonlyArray<ChatCompletionChunk | 'end' | 'reject' | 'throw' | 'hang'>, open: 'ok' | 'hang' | 'throw' = 'ok') {
  let at = 0;
  const iterator = {
    next: vi.fn((): Promise<IteratorResult<ChatCompletionChunk>> => {
      const step = reads[at++] ?? 'hang';
      if (step === 'throw') throw new Error('next threw');
      if (step === 'reject') return Promise.reject(new Error('connection reset'));
      if (step === 'hang') return new Promise(() => undefined);
      if (step === 'end') return Promise.resolve({ done: true, value: undefined });
      return Promise.resolve({ done: false, value: step });
    }),
    return: vi.fn(() => Promise.resolve({ done: true as const, value: undefined })),
  };
  const chatStream = vi.fn((): Promise<AsyncIterable<ChatCompletionChunk>> => {
    if (open === 'throw') throw new Error('chatStream threw');
    if (open === 'hang') return new Promise(() => undefined);
    return Promise.resolve({ [Symbol.asyncIterator]: () => iterator });
  });
  const provider = { id: 'p', connector: 'fake.llm.v1', chat: () => Promise.reject(new Error('unused')), chatStream } as Provider;
  const model = { key: 'm', modelId: 'm', providerId: 'p', connector: 'fake.llm.v1', capabilities: [], features: {}, provider } as MeshModel;
  return { model, iterator, chatStream };
}

function open(model: MeshModel, clock = new ManualClock()) {
  const attempt = new AttemptSignal(clock, undefined);
  const call: ProviderCall = { signal: attempt.signal, timeouts: {} };
  const opening = openStreamUntilFirstContent(model, request, attempt, call, clock, FIRST_TOKEN_MS);
  return { attempt, clock, opening };
}

describe('openStreamUntilFirstContent', () => {
  it.each([
    [[chunk('Hi')], ['Hi']],
    [[chunk(null), chunk('Hi')], [undefined, 'Hi']],
    [[chunk(null), chunk(''), chunk(null), chunk('Hi')], [undefined, '', undefined, 'Hi']],
  ])('buffers the chunks up to the first content (%#) and stops its first-token timer there', async (reads, contents) => {
    const { model, iterator } = scripted(reads);
    const { attempt, clock, opening } = open(model);
    const committed = await opening;
    expect(committed.buffered.map((c) => c.choices[0]?.delta.content)).toEqual(contents);
    expect(committed.iterator).toBe(iterator);
    await clock.advance(FIRST_TOKEN_MS * 2);
    expect(attempt.aborted).toBe(false);
    expect(iterator.return).not.toHaveBeenCalled();
  });

  it('fails with a first-token ProviderTimeoutError when a read hangs, closing the stream and aborting the attempt', async () => {
    const { model, iterator } = scripted([chunk(null), 'hang']);
    const { attempt, clock, opening } = open(model);
    const failed = expect(opening).rejects.toSatisfy((error) => ProviderTimeoutError.isInstance(error) && error.phase === 'first-token');
    await clock.advance(FIRST_TOKEN_MS);
    await failed;
    expect(attempt.aborted).toBe(true);
    expect(iterator.return).toHaveBeenCalledOnce();
  });

  it('fails with the abort reason at once when the attempt aborts while the provider has not opened the stream', async () => {
    const { model, iterator } = scripted([], 'hang');
    const { attempt, opening } = open(model);
    const reason = new RequestAbortedError();
    attempt.abort(reason);
    await expect(opening).rejects.toBe(reason);
    expect(iterator.return).not.toHaveBeenCalled();
  });

  it('calls no provider when the attempt has aborted already', async () => {
    const { model, chatStream } = scripted([chunk('Hi')]);
    const clock = new ManualClock();
    const attempt = new AttemptSignal(clock, undefined);
    const reason = new RequestAbortedError();
    attempt.abort(reason);
    await expect(openStreamUntilFirstContent(model, request, attempt, { signal: attempt.signal, timeouts: {} }, clock, FIRST_TOKEN_MS)).rejects.toBe(reason);
    expect(chatStream).not.toHaveBeenCalled();
  });

  it.each(['reject', 'throw'] as const)('a read that fails (%s) fails the attempt with its error and closes the stream', async (how) => {
    const { model, iterator } = scripted([chunk(null), how]);
    const { attempt, opening } = open(model);
    await expect(opening).rejects.toThrow(how === 'reject' ? 'connection reset' : 'next threw');
    expect(attempt.aborted).toBe(true);
    expect(iterator.return).toHaveBeenCalledOnce();
  });

  it('a stream that ends before any content is a malformed response', async () => {
    const { model, iterator } = scripted([chunk(null), 'end']);
    const { attempt, opening } = open(model);
    await expect(opening).rejects.toSatisfy((error) => ProviderError.isInstance(error) && error.code === 'malformed_response');
    expect(attempt.aborted).toBe(true);
    expect(iterator.return).toHaveBeenCalledOnce();
  });

  it('a provider that throws instead of rejecting still gives a rejected promise', async () => {
    const { model } = scripted([], 'throw');
    const { opening } = open(model);
    await expect(opening).rejects.toThrow('chatStream threw');
  });

  it('reads no further once the attempt aborted while a read was pending', async () => {
    let release: ((result: IteratorResult<ChatCompletionChunk>) => void) | undefined;
    const { model, iterator } = scripted([]);
    iterator.next.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const { attempt, opening } = open(model);
    await flush();
    expect(release).toBeDefined();
    const reason = new RequestAbortedError();
    attempt.abort(reason);
    await expect(opening).rejects.toBe(reason);
    release?.({ done: false, value: chunk(null) });
    await flush();
    expect(iterator.next).toHaveBeenCalledOnce();
    expect(iterator.return).toHaveBeenCalledOnce();
  });
});
