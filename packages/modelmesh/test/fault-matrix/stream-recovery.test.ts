// Matrix 9: mid-stream recovery. A stream that breaks after content reached the caller goes on
// on the next candidate, so the caller gets one complete answer: `continue` sends the delivered
// text as an assistant prefill (the model adds the rest), `restart` sends the original request
// and holds the output back until it has reproduced the delivered text. Each cell checks the
// text, what the fallback was asked, attempts per model, the time the break took, the events,
// and that usage is the sum of the parts, billed per model.
import { describe, expect, it } from 'vitest';
import { StreamInterruptedError, type MeshEventMap } from 'modelmesh';
import type { MockOutcome } from 'modelmesh/testing';
import { consume, Harness, type HarnessOptions } from './support/harness.js';

const SCRIPT = 'one two three four five';
const PIECES = ['one ', 'two ', 'three ', 'four ', 'five'];

interface BreakCase {
  readonly label: string;
  readonly outcome: MockOutcome;
  /** Content pieces the caller has when the stream breaks. */
  readonly pieces: number;
  readonly reason: StreamInterruptedError['reason'];
  /** Clock time from the hand-over to the complete answer (idle timeout 2s for stalls). */
  readonly elapsed: number;
}

const BREAKS: readonly BreakCase[] = [
  { label: 'cut after 1 content chunk', outcome: { type: 'stream-cut', content: SCRIPT, afterChunks: 1 }, pieces: 1, reason: 'cut', elapsed: 0 },
  { label: 'cut after 3 content chunks', outcome: { type: 'stream-cut', content: SCRIPT, afterChunks: 3 }, pieces: 3, reason: 'cut', elapsed: 0 },
  { label: 'stall after 2 content chunks (idle 2s)', outcome: { type: 'stall', content: SCRIPT, afterChunks: 2 }, pieces: 2, reason: 'stalled', elapsed: 2_000 },
  { label: 'malformed chunk after 1 content chunk', outcome: { type: 'malformed-chunk', content: SCRIPT, afterChunks: 1 }, pieces: 1, reason: 'malformed', elapsed: 0 },
  { label: 'every content chunk, then an end without a finish reason', outcome: { type: 'no-finish', content: SCRIPT }, pieces: 5, reason: 'cut', elapsed: 0 },
];

interface ModeCase {
  readonly label: string;
  readonly mode: 'continue' | 'restart';
  readonly options: HarnessOptions;
}

const MODES: readonly ModeCase[] = [
  // model-b's spec says nothing about prefill: unknown, so it is tried
  { label: 'default policy, fallback with prefill', mode: 'continue', options: {} },
  { label: 'default policy, fallback without prefill', mode: 'restart', options: { models: { 'model-b': { features: { prefill: false } } } } },
  { label: 'stream_recovery: restart', mode: 'restart', options: { pool: { stream_recovery: 'restart' } } },
];

function recoveryHarness(options: HarnessOptions = {}): { h: Harness; recovered: Array<MeshEventMap['stream.recovered']> } {
  const h = new Harness({ members: ['model-a', 'model-b'], ...options, pool: { strategy: 'priority', ...options.pool } });
  const recovered: Array<MeshEventMap['stream.recovered']> = [];
  h.client.on('stream.recovered', (event) => recovered.push(event));
  return { h, recovered };
}

describe.each(MODES.map((m) => [m.label, m] as const))('a stream broken after content is recovered (%s)', (_label, m) => {
  it.each(BREAKS.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const { h, recovered } = recoveryHarness(m.options);
    const delivered = PIECES.slice(0, c.pieces).join('');
    h.script('model-a', c.outcome);
    h.script('model-b', { type: 'ok', content: m.mode === 'continue' ? SCRIPT.slice(delivered.length) : SCRIPT, promptTokens: 7, completionTokens: 11 });

    const stream = await h.run(h.stream());
    const t0 = h.clock.now();
    const seen = await h.run(consume(stream));

    // one complete answer, nothing repeated, no error
    expect(seen.error).toBeUndefined();
    expect(seen.text).toBe(SCRIPT);
    expect(seen.finished).toBe(true);
    expect(h.clock.now() - t0).toBe(c.elapsed);
    expect(new Set(seen.chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(seen.chunks.filter((chunk) => chunk.choices[0]?.delta.role !== undefined)).toHaveLength(1);
    // the final chunks name the model that finished
    expect(seen.chunks.at(-1)?.model).toBe('model-b');

    // what the fallback was asked
    expect(h.callCounts()).toEqual({ 'model-a': 1, 'model-b': 1, 'model-c': 0 });
    const asked = h.providers['model-b'].calls[0]?.messages ?? [];
    if (m.mode === 'continue') expect(asked.at(-1)).toEqual({ role: 'assistant', content: delivered, prefix: true });
    else expect(asked).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(h.signals['model-a'][0]?.aborted).toBe(true);

    // events
    expect(recovered).toEqual([expect.objectContaining({ fromModel: 'model-a', toModel: 'model-b', mode: m.mode, reason: c.reason, attempt: 2 })]);
    expect(h.eventsOf('attempt.failed').map((e) => [e.modelKey, e.next])).toEqual([['model-a', 'failover']]);
    const completed = h.eventsOf('request.completed');
    expect(completed).toEqual([expect.objectContaining({ ok: true, modelKey: 'model-b', attempts: 2, recoveries: [{ fromModel: 'model-a', toModel: 'model-b', mode: m.mode }] })]);

    // usage: the sum of the parts, each model billed for its own
    const partA = h.client.usage.byModel['model-a'];
    const partB = h.client.usage.byModel['model-b'];
    expect(partA?.requests).toBe(0);
    expect(partA?.totalTokens).toBeGreaterThan(0);
    expect(partA?.totalCost).toBeGreaterThan(0);
    expect(partB).toMatchObject({ requests: 1, promptTokens: 7, completionTokens: 11 });
    const total = (partA?.totalTokens ?? 0) + (partB?.totalTokens ?? 0);
    expect(seen.chunks.at(-1)?.usage?.total_tokens).toBe(total);
    expect(completed[0]?.usage?.total_tokens).toBe(total);
    expect(completed[0]?.cost).toBeCloseTo((partA?.totalCost ?? 0) + (partB?.totalCost ?? 0), 12);
    expect(h.client.usage.failedRequests).toBe(0);
    expect(h.client.usage.totalRequests).toBe(1);
  });
});

describe('recovery limits', () => {
  it('restart: a fallback whose answer diverges ends with the original interruption, and nothing of the divergent text', async () => {
    const { h } = recoveryHarness({ pool: { stream_recovery: 'restart' } });
    h.script('model-a', { type: 'stream-cut', content: SCRIPT, afterChunks: 2 });
    h.script('model-b', { type: 'ok', content: 'one TWO three' });
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(StreamInterruptedError.isInstance(seen.error)).toBe(true);
    expect(seen.error).toMatchObject({ reason: 'cut', providerId: 'p-a', chunksDelivered: 3 });
    expect(seen.text).toBe('one two ');
    expect(seen.finished).toBe(false);
    // model-b is not at fault for answering differently; its tokens were still spent
    expect(h.status('model-b').status).toBe('active');
    expect(h.client.usage.byModel['model-b']?.totalTokens).toBeGreaterThan(0);
    expect(h.client.usage.failedRequests).toBe(1);
    expect(h.eventsOf('request.completed')).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ name: 'StreamInterruptedError' }) })]);
  });

  it('restart: a fallback that finishes before reproducing the delivered text diverges', async () => {
    const { h } = recoveryHarness({ pool: { stream_recovery: 'restart' } });
    h.script('model-a', { type: 'stream-cut', content: SCRIPT, afterChunks: 3 });
    h.script('model-b', { type: 'ok', content: 'one two' });
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.error).toMatchObject({ name: 'StreamInterruptedError', reason: 'cut' });
    expect(seen.text).toBe('one two three ');
  });

  it('with no candidate left the caller gets the original interruption', async () => {
    const { h } = recoveryHarness({ members: ['model-a'] });
    h.script('model-a', { type: 'stall', content: SCRIPT, afterChunks: 2 });
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.error).toMatchObject({ name: 'StreamInterruptedError', reason: 'stalled', providerId: 'p-a' });
    expect(seen.text).toBe('one two ');
    expect(h.callCounts()['model-a']).toBe(1);
    expect(h.client.usage.failedRequests).toBe(1);
  });

  it('a prefill refused with a 400 is learned: the same attempt restarts, later recoveries restart at once', async () => {
    const { h, recovered } = recoveryHarness();
    h.script('model-a', { type: 'stream-cut', content: SCRIPT, afterChunks: 2 });
    h.script('model-b', { type: 'http', status: 400, body: { error: { message: 'prefix is not supported', type: 'invalid_request_error' } } }, { type: 'ok', content: SCRIPT });
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.error).toBeUndefined();
    expect(seen.text).toBe(SCRIPT);
    const asked = h.providers['model-b'].calls.map((call) => call.messages.length);
    expect(asked).toEqual([2, 1]);
    expect(recovered.map((e) => e.mode)).toEqual(['restart']);
    // the rejection is not a failure of model-b, and not the caller's error
    expect(h.eventsOf('attempt.failed').map((e) => e.modelKey)).toEqual(['model-a']);

    h.forget();
    h.script('model-a', { type: 'stream-cut', content: SCRIPT, afterChunks: 1 });
    h.script('model-b', { type: 'ok', content: SCRIPT });
    const again = await h.run(consume(await h.run(h.stream())));
    expect(again.text).toBe(SCRIPT);
    expect(h.providers['model-b'].calls.map((call) => call.messages.length)).toEqual([1]);
  });

  it('tool calls already delivered are restarted, never prefilled, and not repeated', async () => {
    const { h, recovered } = recoveryHarness({ models: { 'model-b': { features: { prefill: true } } } });
    const toolCalls = [
      { id: 'call_1', name: 'weather', arguments: { city: 'Paris' } },
      { id: 'call_2', name: 'weather', arguments: { city: 'Rome' } },
    ];
    h.script('model-a', { type: 'stream-cut', content: null, toolCalls, afterChunks: 1 });
    h.script('model-b', { type: 'ok', content: null, toolCalls: toolCalls.map((call) => ({ ...call, id: `b_${call.id}` })) });
    const stream = await h.run(h.stream({ tools: [{ type: 'function', function: { name: 'weather' } }] }));
    const seen = await h.run(consume(stream));
    expect(seen.error).toBeUndefined();
    expect(recovered.map((e) => e.mode)).toEqual(['restart']);
    expect(h.providers['model-b'].calls[0]?.messages).toHaveLength(1);
    const calls = seen.chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    // the first call once, under model-a's id; the second from model-b
    expect(calls.map((call) => [call.index, call.id, call.function?.arguments])).toEqual([
      [0, 'call_1', '{"city":"Paris"}'],
      [1, 'b_call_2', '{"city":"Rome"}'],
    ]);
    expect(seen.chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('a recovered stream that breaks again goes on on the next model', async () => {
    const { h, recovered } = recoveryHarness({ members: ['model-a', 'model-b', 'model-c'], pool: { stream_recovery: 'restart' } });
    h.script('model-a', { type: 'stream-cut', content: SCRIPT, afterChunks: 1 });
    h.script('model-b', { type: 'stream-cut', content: SCRIPT, afterChunks: 3 });
    h.script('model-c', { type: 'ok', content: SCRIPT });
    const seen = await h.run(consume(await h.run(h.stream())));
    expect(seen.error).toBeUndefined();
    expect(seen.text).toBe(SCRIPT);
    expect(recovered.map((e) => [e.fromModel, e.toModel])).toEqual([
      ['model-a', 'model-b'],
      ['model-b', 'model-c'],
    ]);
    expect(seen.chunks.at(-1)?.model).toBe('model-c');
  });
});
