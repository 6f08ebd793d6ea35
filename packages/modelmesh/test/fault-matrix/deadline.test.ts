// Matrix 8: the request deadline (`timeouts.request`, or the `timeout` option) ends a request
// with DeadlineExceededError at exactly the deadline on the manual clock, counting the attempts
// made, aborting the call in flight and leaving no timer behind.
import { describe, expect, it } from 'vitest';
import { DeadlineExceededError, type RequestOptions } from 'modelmesh';
import type { MockOutcome } from 'modelmesh/testing';
import { Harness, type ModelKey } from './support/harness.js';

interface DeadlineCase {
  readonly label: string;
  readonly mode: 'chat' | 'stream';
  readonly pool: Record<string, unknown>;
  readonly options?: RequestOptions;
  readonly scripts: Partial<Record<ModelKey, MockOutcome[]>>;
  /** Benches model-a with this Retry-After (seconds) before the request. */
  readonly benchFor?: string;
  readonly timeoutSeconds: number;
  readonly attempts: number;
  readonly calls: Partial<Record<ModelKey, number>>;
  /** The model whose call is in flight at the deadline. */
  readonly inFlight: ModelKey;
}

const CASES: readonly DeadlineCase[] = [
  {
    label: 'a provider that never answers, timeouts.request 5s',
    mode: 'chat',
    pool: { timeouts: { request: '5s', attempt: '60s' } },
    scripts: { 'model-a': [{ type: 'timeout' }] },
    timeoutSeconds: 5,
    attempts: 1,
    calls: { 'model-a': 1 },
    inFlight: 'model-a',
  },
  {
    label: 'the timeout option overrides timeouts.request',
    mode: 'chat',
    pool: { timeouts: { request: '60s', attempt: '60s' } },
    options: { timeout: 1_500 },
    scripts: { 'model-a': [{ type: 'timeout' }] },
    timeoutSeconds: 1.5,
    attempts: 1,
    calls: { 'model-a': 1 },
    inFlight: 'model-a',
  },
  {
    label: 'a provider slower than the deadline',
    mode: 'chat',
    pool: { timeouts: { request: '3s', attempt: '60s' } },
    scripts: { 'model-a': [{ type: 'ok', latency: 10_000 }] },
    timeoutSeconds: 3,
    attempts: 1,
    calls: { 'model-a': 1 },
    inFlight: 'model-a',
  },
  {
    label: 'after a retry and a failover, the third attempt hangs',
    mode: 'chat',
    pool: { timeouts: { request: '5s', attempt: '60s' } },
    scripts: { 'model-a': [{ type: 'http', status: 503 }], 'model-b': [{ type: 'timeout' }] },
    timeoutSeconds: 5,
    attempts: 3,
    calls: { 'model-a': 2, 'model-b': 1 },
    inFlight: 'model-b',
  },
  {
    label: 'after waiting for a recovery, the trial hangs',
    mode: 'chat',
    pool: { timeouts: { request: '10s', attempt: '60s' } },
    benchFor: '4',
    scripts: { 'model-a': [{ type: 'timeout' }] },
    timeoutSeconds: 10,
    attempts: 1,
    calls: { 'model-a': 1 },
    inFlight: 'model-a',
  },
  {
    label: 'no response before the deadline',
    mode: 'stream',
    pool: { timeouts: { request: '4s', attempt: '60s', first_token: '60s' } },
    scripts: { 'model-a': [{ type: 'timeout' }] },
    timeoutSeconds: 4,
    attempts: 1,
    calls: { 'model-a': 1 },
    inFlight: 'model-a',
  },
  {
    label: 'response started, no first content before the deadline',
    mode: 'stream',
    pool: { timeouts: { request: '3s', attempt: '60s', first_token: '60s' } },
    scripts: { 'model-a': [{ type: 'stall', content: 'late', afterChunks: 0 }] },
    timeoutSeconds: 3,
    attempts: 1,
    calls: { 'model-a': 1 },
    inFlight: 'model-a',
  },
  {
    label: 'after failing over twice before content, the third stream stalls',
    mode: 'stream',
    pool: { retry: { max_attempts_per_model: 1 }, timeouts: { request: '6s', attempt: '60s', first_token: '60s' } },
    scripts: {
      'model-a': [{ type: 'error-before-content' }],
      'model-b': [{ type: 'stream-cut', content: 'x', afterChunks: 0 }],
      'model-c': [{ type: 'stall', content: 'late', afterChunks: 0 }],
    },
    timeoutSeconds: 6,
    attempts: 3,
    calls: { 'model-a': 1, 'model-b': 1, 'model-c': 1 },
    inFlight: 'model-c',
  },
];

describe('request deadline', () => {
  it.each(CASES.map((c) => [`${c.mode}: ${c.label}`, c] as const))('%s', async (_label, c) => {
    const h = new Harness({ members: c.calls['model-c'] ? ['model-a', 'model-b', 'model-c'] : ['model-a', 'model-b'], pool: { strategy: 'priority', ...c.pool } });
    if (c.benchFor) {
      h.script('model-a', { type: 'http', status: 429, headers: { 'retry-after': c.benchFor } });
      h.script('model-b', { type: 'http', status: 429, headers: { 'retry-after': '600' } });
      await h.runFailing(h.chat({}, { timeout: 1 }));
      h.forget();
    }
    for (const [model, outcomes] of Object.entries(c.scripts) as Array<[ModelKey, MockOutcome[]]>) h.script(model, ...outcomes);
    const failedBefore = h.client.usage.failedRequests;
    const t0 = h.clock.now();

    const error = await h.runFailing(c.mode === 'chat' ? h.chat({}, c.options) : h.stream({}, c.options));

    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ poolName: 'chat', timeoutSeconds: c.timeoutSeconds, attempts: c.attempts, retryable: true });
    expect(h.clock.now() - t0).toBe(c.timeoutSeconds * 1000);
    expect(h.callCounts()).toEqual({ 'model-a': 0, 'model-b': 0, 'model-c': 0, ...c.calls });
    expect(h.signals[c.inFlight].at(-1)?.aborted).toBe(true);
    expect(h.clock.pendingTimers).toBe(0);
    expect(h.eventsOf('request.completed')).toEqual([
      expect.objectContaining({ ok: false, attempts: c.attempts, error: expect.objectContaining({ name: 'DeadlineExceededError' }) }),
    ]);
    expect(h.client.usage.failedRequests - failedBefore).toBe(1);
  });

  it('a request that is answered before its deadline leaves no deadline timer behind', async () => {
    const h = new Harness({ members: ['model-a'], pool: { timeouts: { request: '5s', attempt: '60s' } } });
    h.script('model-a', { type: 'ok', latency: 4_999 });
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-a');
    expect(h.clock.pendingTimers).toBe(0);
  });
});
