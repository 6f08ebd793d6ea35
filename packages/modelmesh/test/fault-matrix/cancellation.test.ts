// Matrix 7: cancellation through the caller's AbortSignal (or stream.abort()) at every point of
// a request's life. Each ends with RequestAbortedError at once (no clock time passes), makes no
// further provider call, aborts the signal of the call in flight and leaves no timer behind.
import { describe, expect, it } from 'vitest';
import {
  ManualClock,
  Middleware,
  RequestAbortedError,
  sleep,
  type ChatCompletionChunk,
  type ChatCompletionCreateParams,
  type MiddlewareContext,
  type Stream,
} from 'modelmesh';
import type { MockOutcome } from 'modelmesh/testing';
import { consume, flush, Harness, watch, type ModelKey } from './support/harness.js';

interface CancelCase {
  readonly label: string;
  readonly mode: 'chat' | 'stream';
  readonly members?: readonly ModelKey[];
  readonly pool?: Record<string, unknown>;
  readonly scripts?: Partial<Record<ModelKey, MockOutcome[]>>;
  /** Runs before the request (e.g. benches every model). */
  readonly prepare?: (h: Harness) => Promise<void>;
  /** Abort before the request is even made. */
  readonly preAborted?: boolean;
  /** Clock time to let pass after the request starts, before the abort. */
  readonly after?: number;
  /** Calls per model when the abort comes. */
  readonly callsAtAbort: Partial<Record<ModelKey, number>>;
  /** A provider call is in flight at the abort (its signal must end aborted). */
  readonly inFlight?: ModelKey;
}

async function benchAll(h: Harness, retryAfter: string): Promise<void> {
  for (const model of h.members) h.script(model, { type: 'http', status: 429, headers: { 'retry-after': retryAfter } });
  await h.runFailing(h.chat({}, { timeout: 1 }));
  for (const model of h.members) h.script(model);
  h.forget();
}

const CASES: readonly CancelCase[] = [
  { label: 'before the call', mode: 'chat', preAborted: true, callsAtAbort: {} },
  { label: 'before the call', mode: 'stream', preAborted: true, callsAtAbort: {} },
  { label: 'during an attempt (provider not answering)', mode: 'chat', scripts: { 'model-a': [{ type: 'timeout' }] }, callsAtAbort: { 'model-a': 1 }, inFlight: 'model-a' },
  { label: 'during an attempt (slow provider)', mode: 'chat', scripts: { 'model-a': [{ type: 'ok', latency: 5_000 }] }, after: 1_000, callsAtAbort: { 'model-a': 1 }, inFlight: 'model-a' },
  {
    label: 'during a backoff wait',
    mode: 'chat',
    pool: { retry: { backoff: 'fixed', initial_delay: '5s' } },
    scripts: { 'model-a': [{ type: 'http', status: 503 }] },
    after: 1_000,
    callsAtAbort: { 'model-a': 1 },
  },
  {
    label: 'during the second attempt, after a failover',
    mode: 'chat',
    scripts: { 'model-a': [{ type: 'http', status: 401 }], 'model-b': [{ type: 'timeout' }] },
    callsAtAbort: { 'model-a': 1, 'model-b': 1 },
    inFlight: 'model-b',
  },
  { label: 'during wait-for-recovery', mode: 'chat', prepare: (h) => benchAll(h, '60'), after: 10_000, callsAtAbort: {} },
  { label: 'waiting for the response to start', mode: 'stream', scripts: { 'model-a': [{ type: 'timeout' }] }, after: 500, callsAtAbort: { 'model-a': 1 }, inFlight: 'model-a' },
  { label: 'started, before the first content chunk', mode: 'stream', scripts: { 'model-a': [{ type: 'stall', content: 'never said', afterChunks: 0 }] }, after: 500, callsAtAbort: { 'model-a': 1 }, inFlight: 'model-a' },
  {
    label: 'during a backoff wait between stream attempts',
    mode: 'stream',
    pool: { retry: { backoff: 'fixed', initial_delay: '5s' } },
    scripts: { 'model-a': [{ type: 'error-before-content' }] },
    after: 2_000,
    callsAtAbort: { 'model-a': 1 },
  },
  { label: 'during wait-for-recovery', mode: 'stream', prepare: (h) => benchAll(h, '60'), after: 30_000, callsAtAbort: {} },
];

describe('cancellation before a stream is handed over', () => {
  it.each(CASES.map((c) => [`${c.mode}: ${c.label}`, c] as const))('%s', async (_label, c) => {
    const h = new Harness({ members: c.members ?? ['model-a', 'model-b'], pool: { strategy: 'priority', ...c.pool } });
    for (const [model, outcomes] of Object.entries(c.scripts ?? {}) as Array<[ModelKey, MockOutcome[]]>) h.script(model, ...outcomes);
    await c.prepare?.(h);
    const failedBefore = h.client.usage.failedRequests;
    const controller = new AbortController();
    if (c.preAborted) controller.abort();

    const pending = watch<unknown>(c.mode === 'chat' ? h.chat({}, { signal: controller.signal }) : h.stream({}, { signal: controller.signal }));
    await flush();
    if (c.after) await h.clock.advance(c.after);
    expect(pending.settled).toBe(c.preAborted === true);
    expect(h.callCounts()).toEqual({ 'model-a': 0, 'model-b': 0, 'model-c': 0, ...c.callsAtAbort });

    const abortedAt = h.clock.now();
    const healthAtAbort = h.client.poolStatus('chat').models;
    controller.abort();
    await flush();

    // promptly: settled with no clock time passing
    expect(pending.settled).toBe(true);
    expect(h.clock.now()).toBe(abortedAt);
    expect(RequestAbortedError.isInstance(pending.error)).toBe(true);
    if (c.inFlight) expect(h.signals[c.inFlight].at(-1)?.aborted).toBe(true);
    // an abort says nothing about the models
    expect(h.client.poolStatus('chat').models).toEqual(healthAtAbort);
    // nothing left to fire, and nothing more happens however long we wait
    expect(h.clock.pendingTimers).toBe(0);
    await h.clock.advance(10 * 60_000);
    expect(h.callCounts()).toEqual({ 'model-a': 0, 'model-b': 0, 'model-c': 0, ...c.callsAtAbort });
    expect(h.eventsOf('request.completed')).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ name: 'RequestAbortedError' }) })]);
    expect(h.client.usage.failedRequests - failedBefore).toBe(1);
  });
});

interface MidStreamCase {
  readonly label: string;
  readonly outcome: MockOutcome;
  /** Chunks read before aborting. */
  readonly readBefore: number;
  readonly how: 'signal' | 'stream.abort()';
  /** The reader is waiting for the next chunk when the abort comes (else it aborts between chunks). */
  readonly waiting?: boolean;
}

const MID_STREAM: readonly MidStreamCase[] = [
  { label: 'between chunks, via the signal', outcome: { type: 'ok', content: 'one two three four' }, readBefore: 2, how: 'signal' },
  { label: 'between chunks, via stream.abort()', outcome: { type: 'ok', content: 'one two three four' }, readBefore: 2, how: 'stream.abort()' },
  { label: 'while the reader waits on a stalled provider, via the signal', outcome: { type: 'stall', content: 'one two three four', afterChunks: 2 }, readBefore: 3, how: 'signal', waiting: true },
  { label: 'while the reader waits on a stalled provider, via stream.abort()', outcome: { type: 'stall', content: 'one two three four', afterChunks: 2 }, readBefore: 3, how: 'stream.abort()', waiting: true },
  { label: 'while the reader waits on a slow chunk, via the signal', outcome: { type: 'ok', content: 'one two three four', chunkLatency: 1_000 }, readBefore: 2, how: 'signal', waiting: true },
];

/** Reads `count` chunks, then hands the iterator back so the test controls the rest. */
async function readSome(h: Harness, stream: Stream<ChatCompletionChunk>, count: number) {
  const iterator = stream[Symbol.asyncIterator]();
  let text = '';
  for (let i = 0; i < count; i++) {
    const next = await h.run(iterator.next());
    if (next.done) throw new Error('stream ended early');
    text += next.value.choices[0]?.delta.content ?? '';
  }
  return { iterator, text };
}

describe('cancellation mid-stream', () => {
  it.each(MID_STREAM.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority' } });
    h.script('model-a', c.outcome);
    const controller = new AbortController();
    const stream = await h.run(h.stream({}, { signal: controller.signal }));
    const { iterator, text } = await readSome(h, stream, c.readBefore);

    const abortedAt = h.clock.now();
    let rest: Promise<unknown>;
    if (c.waiting) {
      const next = watch(iterator.next());
      await flush();
      expect(next.settled).toBe(false);
      if (c.how === 'signal') controller.abort();
      else stream.abort();
      await flush();
      expect(next.settled).toBe(true);
      rest = Promise.reject(next.error);
    } else {
      if (c.how === 'signal') controller.abort();
      else stream.abort();
      rest = iterator.next();
    }
    const error = await rest.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(h.clock.now()).toBe(abortedAt);
    expect(RequestAbortedError.isInstance(error)).toBe(true);
    expect('one two three four'.startsWith(text)).toBe(true);
    expect(h.signals['model-a'][0]?.aborted).toBe(true);
    expect(h.clock.pendingTimers).toBe(0);
    await h.clock.advance(10 * 60_000);
    expect(h.callCounts()).toEqual({ 'model-a': 1, 'model-b': 0, 'model-c': 0 });
    expect(h.status('model-a').status).toBe('active');
  });

  // A stream the caller aborted did not complete: like an aborted chat request, it should be
  // recorded as failed (request.completed ok: false, usage.failedRequests), not as answered.
  it('an aborted stream is recorded as a failed request, like an aborted chat request', async () => {
    const h = new Harness({ members: ['model-a'] });
    h.script('model-a', { type: 'ok', content: 'one two three four' });
    const controller = new AbortController();
    const stream = await h.run(h.stream({}, { signal: controller.signal }));
    const seen = await h.run(consume(stream, (_chunk, count) => count === 2 && controller.abort()));
    expect(RequestAbortedError.isInstance(seen.error)).toBe(true);
    expect(h.eventsOf('request.completed')).toEqual([expect.objectContaining({ ok: false, error: expect.objectContaining({ name: 'RequestAbortedError' }) })]);
    expect(h.client.usage.failedRequests).toBe(1);
  });
});

describe('cancellation around middleware and unread streams', () => {
  class SlowBefore extends Middleware {
    constructor(private readonly clock: ManualClock) {
      super();
    }
    // a slow hook that does not watch the signal (an external lookup, say)
    override async beforeRequest(request: ChatCompletionCreateParams, _context: MiddlewareContext) {
      await sleep(this.clock, 5_000);
      return request;
    }
  }

  it('an abort while beforeRequest runs: no provider call is made afterwards', async () => {
    const clock = new ManualClock();
    const h = new Harness({ clock, members: ['model-a'], middleware: [new SlowBefore(clock)] });
    const controller = new AbortController();
    const pending = watch(h.chat({}, { signal: controller.signal }));
    await h.clock.advance(1_000);
    controller.abort();
    await h.clock.advance(4_000);
    await flush();
    expect(RequestAbortedError.isInstance(pending.error)).toBe(true);
    expect(h.count('model-a')).toBe(0);
  });

  it('an abort while beforeRequest runs ends the request at once', async () => {
    const clock = new ManualClock();
    const h = new Harness({ clock, members: ['model-a'], middleware: [new SlowBefore(clock)] });
    const controller = new AbortController();
    const pending = watch(h.chat({}, { signal: controller.signal }));
    await h.clock.advance(1_000);
    controller.abort();
    await flush();
    expect(pending.settled).toBe(true);
    expect(RequestAbortedError.isInstance(pending.error)).toBe(true);
  });

  // A stream is handed over at its first content chunk; delivery (and the request's
  // settlement: health ticket, usage, request.completed) starts only when the caller iterates.
  it('aborting a stream that was never iterated settles the request and frees a half-open trial', async () => {
    const h = new Harness({
      members: ['model-a', 'model-b'],
      pool: { strategy: 'priority', retry: { max_attempts_per_model: 1 }, deactivation: { failure_threshold: 1 }, recovery: { cooldown: '10s', jitter: 0 } },
    });
    h.script('model-a', { type: 'http', status: 503 });
    await h.run(h.chat());
    await h.clock.advance(10_000);
    h.script('model-a', { type: 'ok' });
    h.forget();
    const stream = await h.run(h.stream());
    stream.abort();
    await flush();
    expect(h.signals['model-a'][0]?.aborted).toBe(true);
    expect(h.eventsOf('request.completed')).toEqual([expect.objectContaining({ ok: false })]);
    // the trial never ran to an outcome: the next request may take the trial
    expect((await h.run(h.chat())).model).toBe('model-a');
  });
});

// docs/guides/routing.md: "An attempt cut short by the caller's abort ... counts neither way", and
// a half-open trial that "is cancelled" frees the slot "without a verdict". That holds for a stream
// the caller aborts after it was handed over, too.
describe('a stream the caller aborts says nothing about the model', () => {
  const ENDINGS = [
    ['aborting the signal', 'signal'],
    ['stream.abort()', 'abort'],
  ] as const;

  async function endEarly(h: Harness, how: (typeof ENDINGS)[number][1]): Promise<void> {
    const controller = new AbortController();
    const stream = await h.run(h.stream({}, { signal: controller.signal }));
    const { iterator } = await readSome(h, stream, 2);
    if (how === 'signal') controller.abort();
    else stream.abort();
    await h.run(iterator.next().catch(() => undefined));
    await flush();
  }

  it.each(ENDINGS)('a half-open trial stream cancelled by %s frees the slot without a verdict', async (_label, how) => {
    const h = new Harness({
      members: ['model-a', 'model-b'],
      pool: { strategy: 'priority', retry: { max_attempts_per_model: 1 }, deactivation: { failure_threshold: 1 }, recovery: { cooldown: '10s', jitter: 0 } },
    });
    h.script('model-a', { type: 'http', status: 503 });
    await h.run(h.chat());
    await h.clock.advance(10_000);
    h.script('model-a', { type: 'ok', content: 'one two three four' });
    await endEarly(h, how);
    expect(h.status('model-a').status).toBe('half-open');
    expect(h.eventsOf('model.recovered')).toEqual([]);
  });

  it.each(ENDINGS)('a stream cancelled by %s neither resets nor adds to the consecutive failures', async (_label, how) => {
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority', retry: { max_attempts_per_model: 1 }, deactivation: { failure_threshold: 3 } } });
    h.script('model-a', { type: 'http', status: 503 });
    await h.run(h.chat());
    await h.run(h.chat());
    h.script('model-a', { type: 'ok', content: 'one two three four' });
    await endEarly(h, how);
    h.script('model-a', { type: 'http', status: 503 });
    await h.run(h.chat());
    // 503, 503, (aborted by the caller), 503: three consecutive failures
    expect(h.status('model-a')).toMatchObject({ status: 'standby', reason: 'errors' });
  });
});

describe('cancellation and model health', () => {
  it('aborting a half-open trial frees the trial slot: the next request is the trial', async () => {
    const h = new Harness({
      members: ['model-a', 'model-b'],
      pool: { strategy: 'priority', retry: { max_attempts_per_model: 1 }, deactivation: { failure_threshold: 1 }, recovery: { cooldown: '10s', jitter: 0 } },
    });
    h.script('model-a', { type: 'http', status: 503 });
    await h.run(h.chat());
    await h.clock.advance(10_000);
    h.script('model-a', { type: 'ok', latency: 5_000 }, { type: 'ok' });
    const controller = new AbortController();
    const trial = watch(h.chat({}, { signal: controller.signal }));
    await flush();
    expect(h.count('model-a')).toBe(2);
    controller.abort();
    await flush();
    expect(RequestAbortedError.isInstance(trial.error)).toBe(true);
    expect(h.status('model-a').status).toBe('half-open');
    expect(h.client.explain({ model: 'chat' }).selectedModel).toBe('model-a');
    expect((await h.run(h.chat())).model).toBe('model-a');
    expect(h.status('model-a').status).toBe('active');
  });

  it('aborted attempts do not count toward the failure threshold', async () => {
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority', deactivation: { failure_threshold: 2 } } });
    h.script('model-a', { type: 'timeout' });
    for (let i = 0; i < 5; i++) {
      const controller = new AbortController();
      const pending = watch(h.chat({}, { signal: controller.signal }));
      await flush();
      controller.abort();
      await flush();
      expect(RequestAbortedError.isInstance(pending.error)).toBe(true);
    }
    expect(h.status('model-a').status).toBe('active');
    expect(h.eventsOf('model.deactivated')).toEqual([]);
  });
});
