import {
  AllProvidersExhaustedError,
  createMesh,
  ManualClock,
  ProviderTimeoutError,
  StreamInterruptedError,
  type ChatCompletionCreateParamsNonStreaming,
  type MeshConfigDocument,
} from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { mockProvider, mockProviderEntry, type MockOutcome, type MockProviderOptions } from '../src/index.js';
import { drain, textOf } from './provider-call.js';

const ask: ChatCompletionCreateParamsNonStreaming = { model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] };

/** Runs the clock until `promise` settles, so router backoffs and timeouts pass without real waiting. */
async function settle<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 1_000 && !done; i++) if (!(await clock.runNext())) break;
  return promise;
}

/** The pool these cases route through, with mid-stream recovery off: they pin how an unrecovered stream ends. */
const NO_RECOVERY: MeshConfigDocument = { pools: { chat: { capability: 'chat-completion', stream_recovery: 'off' } } };

function twoProviders(
  primary: MockOutcome | MockOutcome[],
  backup: MockOutcome | MockOutcome[] = { type: 'ok', content: 'from backup' },
  config?: MeshConfigDocument,
) {
  const clock = new ManualClock();
  const options = (id: string, model: string, script: MockProviderOptions['script']): MockProviderOptions => ({ id, models: [model], script, clock });
  const first = mockProviderEntry(options('primary', 'gpt-primary', primary));
  const second = mockProviderEntry(options('backup', 'gpt-backup', backup));
  const mesh = createMesh({ providers: [first, second], clock, ...(config ? { config } : {}) });
  return { clock, mesh, primary: first.provider, backup: second.provider };
}

describe('mock providers behind the real router', () => {
  it('fail over from a failing provider to the next, and both record what they saw', async () => {
    const { clock, mesh, primary, backup } = twoProviders({ type: 'http', status: 503 });
    const response = await settle(clock, mesh.chat.completions.create(ask));
    expect(response.choices[0]?.message.content).toBe('from backup');
    expect(response.model).toBe('gpt-backup');
    expect(primary.calls.length).toBeGreaterThanOrEqual(1);
    expect(primary.calls.every((c) => c.status === 'failed' && c.model === 'gpt-primary')).toBe(true);
    expect(backup.calls).toHaveLength(1);
    expect(backup.calls[0]).toMatchObject({ model: 'gpt-backup', status: 'ok' });
  });

  it('retry the same model when the script recovers, the last entry repeating afterwards', async () => {
    const { clock, mesh, primary, backup } = twoProviders([{ type: 'reset' }, { type: 'ok', content: 'second try' }]);
    const first = await settle(clock, mesh.chat.completions.create(ask));
    const second = await settle(clock, mesh.chat.completions.create(ask));
    expect(first.choices[0]?.message.content).toBe('second try');
    expect(second.choices[0]?.message.content).toBe('second try');
    expect(primary.calls.map((c) => c.status)).toEqual(['failed', 'ok', 'ok']);
    expect(backup.calls).toHaveLength(0);
  });

  it('time out a provider that never answers, then fail over', async () => {
    // Short attempts: with the defaults (60s attempts, 2 per model, 120s per request) the deadline passes before any failover.
    const config: MeshConfigDocument = { pools: { chat: { capability: 'chat-completion', timeouts: { attempt: '5s' } } } };
    const { clock, mesh, primary } = twoProviders({ type: 'timeout' }, undefined, config);
    const response = await settle(clock, mesh.chat.completions.create(ask));
    expect(response.choices[0]?.message.content).toBe('from backup');
    expect(primary.calls[0]?.error).toBeInstanceOf(ProviderTimeoutError);
  });

  it('play per-model scripts and script functions', async () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const provider = mockProvider({
      id: 'multi',
      models: ['model-a', 'model-b'],
      scripts: { 'model-a': { type: 'http', status: 500 } },
      script: (request, index) => {
        seen.push(index);
        return { type: 'ok', content: `b answers ${request.messages[0].content} #${index}` };
      },
      clock,
    });
    const mesh = createMesh({ providers: [{ provider, models: provider.models }], clock });
    const response = await settle(clock, mesh.chat.completions.create(ask));
    expect(response.choices[0]?.message.content).toBe('b answers Hi #0');
    expect(seen).toEqual([0]);
    expect(provider.calls.filter((c) => c.model === 'model-a').every((c) => c.status === 'failed')).toBe(true);
  });

  it('surface an exhausted pool with the mock error as lastError', async () => {
    const clock = new ManualClock();
    const { provider, models } = mockProviderEntry({ id: 'only', models: ['m'], script: { type: 'http', status: 500 }, clock });
    const mesh = createMesh({ providers: [{ provider, models }], clock });
    const error: unknown = await settle(clock, mesh.chat.completions.create(ask)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllProvidersExhaustedError);
    expect((error as AllProvidersExhaustedError).lastError).toMatchObject({ status: 500 });
  });
});

describe('mock provider streams behind the real router', () => {
  const streamAsk = { ...ask, stream: true as const };

  it('deliver the whole answer, with usage recorded by the mesh', async () => {
    const { clock, mesh } = twoProviders({ type: 'ok', content: 'streamed answer', tokens: 9 });
    const stream = await settle(clock, mesh.chat.completions.create(streamAsk));
    const { chunks, error } = await settle(clock, drain(stream));
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('streamed answer');
    expect(mesh.usage.totalTokens).toBe(9);
  });

  it('fail over when the stream breaks before any content', async () => {
    const { clock, mesh, primary } = twoProviders({ type: 'error-before-content' });
    const stream = await settle(clock, mesh.chat.completions.create(streamAsk));
    expect(textOf((await settle(clock, drain(stream))).chunks)).toBe('from backup');
    expect(primary.calls[0]).toMatchObject({ status: 'failed' });
  });

  it('finish a stream cut after content on the backup (default stream_recovery)', async () => {
    const { clock, mesh, backup } = twoProviders({ type: 'stream-cut', afterChunks: 2, content: 'one two three' }, { type: 'ok', content: 'three' });
    const stream = await settle(clock, mesh.chat.completions.create(streamAsk));
    const { chunks, error } = await settle(clock, drain(stream));
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('one two three');
    expect(backup.calls[0]?.messages.at(-1)).toEqual({ role: 'assistant', content: 'one two ', prefix: true });
  });

  it('end in a StreamInterruptedError when the stream is cut after content (stream_recovery: off)', async () => {
    const { clock, mesh, backup } = twoProviders({ type: 'stream-cut', afterChunks: 2, content: 'one two three' }, undefined, NO_RECOVERY);
    const stream = await settle(clock, mesh.chat.completions.create(streamAsk));
    const { chunks, error } = await settle(clock, drain(stream));
    expect(textOf(chunks)).toBe('one two ');
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ chunksDelivered: 3 });
    expect(backup.calls).toHaveLength(0);
  });

  it('end in a StreamInterruptedError when the stream ends without a finish reason (stream_recovery: off)', async () => {
    const { clock, mesh } = twoProviders({ type: 'no-finish', content: 'almost done' }, undefined, NO_RECOVERY);
    const stream = await settle(clock, mesh.chat.completions.create(streamAsk));
    const { error } = await settle(clock, drain(stream));
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ reason: 'cut' });
  });

  it('end a stalled stream at the idle timeout, aborting the provider through its signal (stream_recovery: off)', async () => {
    const { clock, mesh, primary } = twoProviders({ type: 'stall', afterChunks: 1, content: 'one two' }, undefined, NO_RECOVERY);
    const stream = await settle(clock, mesh.chat.completions.create(streamAsk));
    const { error } = await settle(clock, drain(stream));
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ reason: 'stalled' });
    expect(primary.calls[0]).toMatchObject({ status: 'failed' });
    expect(primary.calls[0]?.error).toBeInstanceOf(ProviderTimeoutError);
  });
});

describe('mock provider embeddings', () => {
  const entry = () => mockProviderEntry({ id: 'emb', models: [{ id: 'embed-1', capabilities: ['text-embeddings'] }, 'chat-1'] });

  it('are deterministic unit vectors from a hash of the input', async () => {
    const mesh = createMesh({ providers: [entry()] });
    const a = await mesh.embeddings.create({ model: 'text-embeddings', input: ['alpha', 'beta'] });
    const b = await mesh.embeddings.create({ model: 'text-embeddings', input: 'alpha', dimensions: 8 });
    expect(a.data).toHaveLength(2);
    expect(a.data[0]?.embedding).toEqual(b.data[0]?.embedding);
    expect(a.data[0]?.embedding).not.toEqual(a.data[1]?.embedding);
    const norm = Math.hypot(...(a.data[0]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 10);
    expect(a.usage.total_tokens).toBeGreaterThan(0);
  });

  it('honour dimensions', async () => {
    const mesh = createMesh({ providers: [entry()] });
    const response = await mesh.embeddings.create({ model: 'text-embeddings', input: 'x', dimensions: 32 });
    expect(response.data[0]?.embedding).toHaveLength(32);
  });

  it('are refused for a model without an embeddings capability', async () => {
    const { provider } = entry();
    await expect(provider.embed({ model: 'chat-1', input: 'x' }, { signal: new AbortController().signal, timeouts: {} })).rejects.toMatchObject({ status: 400 });
    expect(provider.calls[0]).toMatchObject({ kind: 'embeddings', input: 'x', status: 'failed' });
  });
});
