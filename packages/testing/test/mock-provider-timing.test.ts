import { ManualClock, RequestAbortedError, type ChatCompletionCreateParamsNonStreaming } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { mockProvider } from '../src/index.js';
import { contentChunks, drain, flush, providerCall } from './provider-call.js';

const request: ChatCompletionCreateParamsNonStreaming = { model: 'gpt-test', messages: [{ role: 'user', content: 'Hi' }] };

/** Records when a promise settles, without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe('mockProvider waits on the injected clock', () => {
  it('answers only once the clock has advanced by the latency', async () => {
    const clock = new ManualClock();
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: { type: 'ok', latency: 2_000 }, clock });
    const call = track(provider.chat(request, providerCall()));
    await clock.advance(1_999);
    expect(call.settled).toBe(false);
    await clock.advance(1);
    expect(call.settled).toBe(true);
    expect(call.value?.choices[0]?.message.content).toBe('Mock response');
  });

  it('fails after the latency too', async () => {
    const clock = new ManualClock();
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: { type: 'http', status: 500, latency: 500 }, clock });
    const call = track(provider.chat(request, providerCall()));
    await clock.advance(499);
    expect(call.settled).toBe(false);
    await clock.advance(1);
    expect(call.error).toMatchObject({ status: 500 });
  });

  it('spaces stream chunks by chunkLatency', async () => {
    const clock = new ManualClock();
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: { type: 'ok', content: 'a b', chunkLatency: 100 }, clock });
    const stream = await provider.chatStream({ ...request, stream: true }, providerCall());
    const read = track(drain(stream));
    await clock.advance(150);
    expect(read.settled).toBe(false);
    await clock.runAll();
    expect(read.settled).toBe(true);
    expect(contentChunks(read.value?.chunks ?? [])).toHaveLength(2);
  });

  it('aborting the signal during a latency rejects at once with the signal reason', async () => {
    const clock = new ManualClock();
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: { type: 'ok', latency: 60_000 }, clock });
    const controller = new AbortController();
    const call = track(provider.chat(request, providerCall(controller.signal)));
    const reason = new RequestAbortedError();
    controller.abort(reason);
    await clock.advance(0);
    expect(call.error).toBe(reason);
    expect(clock.pendingTimers).toBe(0);
    expect(provider.calls[0]).toMatchObject({ status: 'failed', error: reason });
  });

  it('a call made with an already aborted signal rejects with its reason', async () => {
    const provider = mockProvider({ id: 'p', models: ['gpt-test'] });
    await expect(provider.chat(request, providerCall(AbortSignal.abort('gone')))).rejects.toBe('gone');
  });
});

describe('mockProvider timeout and stall outcomes hang until the signal aborts', () => {
  it('timeout never answers, then rejects promptly with the abort reason', async () => {
    const clock = new ManualClock();
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: { type: 'timeout' }, clock });
    const controller = new AbortController();
    const call = track(provider.chat(request, providerCall(controller.signal)));
    await clock.advance(24 * 3_600_000);
    expect(call.settled).toBe(false);
    controller.abort(new Error('deadline'));
    await clock.advance(0);
    expect(call.error).toEqual(new Error('deadline'));
  });

  it('timeout on a stream never starts the response until the signal aborts', async () => {
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: { type: 'timeout' } });
    const controller = new AbortController();
    const call = track(provider.chatStream({ ...request, stream: true }, providerCall(controller.signal)));
    await flush();
    expect(call.settled).toBe(false);
    controller.abort('stop');
    await flush();
    expect(call.error).toBe('stop');
  });

  it('stall delivers the first chunks, then nothing until the signal aborts, then throws the reason', async () => {
    const clock = new ManualClock();
    const provider = mockProvider({ id: 'p', models: ['gpt-test'], script: { type: 'stall', afterChunks: 1, content: 'one two three' }, clock });
    const controller = new AbortController();
    const stream = await provider.chatStream({ ...request, stream: true }, providerCall(controller.signal));
    const read = track(drain(stream));
    await clock.advance(3_600_000);
    expect(read.settled).toBe(false);
    const reason = new RequestAbortedError({ message: 'idle' });
    controller.abort(reason);
    await clock.advance(0);
    expect(read.value?.error).toBe(reason);
    expect(contentChunks(read.value?.chunks ?? [])).toHaveLength(1);
    expect(provider.calls[0]).toMatchObject({ status: 'failed', error: reason });
  });
});
