// Matrix 4: when every candidate is in standby, a request waits for the earliest recovery if it
// falls within its deadline (the clock moves by exactly that much), and otherwise throws
// NoActiveModelError at once, with when the first model comes back.
import { describe, expect, it } from 'vitest';
import { AllProvidersExhaustedError, NoActiveModelError, RateLimitError, type RequestOptions } from 'modelmesh';
import { answerOf, flush, Harness, watch, type ModelKey } from './support/harness.js';

type Bench = Partial<Record<ModelKey, string>>;

/**
 * Puts models in standby for exactly the given `retry-after` (rate limited), with a request
 * that cannot wait (its own deadline is 1ms), then forgets what it recorded.
 */
async function bench(h: Harness, retryAfter: Bench): Promise<void> {
  for (const [model, value] of Object.entries(retryAfter) as Array<[ModelKey, string]>) {
    const header: Record<string, string> = value.endsWith('ms') ? { 'retry-after-ms': value.slice(0, -2) } : { 'retry-after': value };
    h.script(model, { type: 'http', status: 429, headers: header });
  }
  const error = await h.runFailing(h.chat({}, { timeout: 1 }));
  // every attempt was a 429: the pool is rate limited throughout
  expect(RateLimitError.isInstance(error)).toBe(true);
  for (const model of h.members) {
    expect(h.status(model).status).toBe('standby');
    h.script(model);
  }
  h.forget();
}

interface WaitCase {
  readonly label: string;
  readonly members: readonly ModelKey[];
  readonly pool?: Record<string, unknown>;
  readonly options?: RequestOptions;
  readonly standby: Bench;
}

const WAITS: ReadonlyArray<WaitCase & { answerer: ModelKey; wait: number }> = [
  { label: 'two models, model-a back first', members: ['model-a', 'model-b'], standby: { 'model-a': '5', 'model-b': '50' }, answerer: 'model-a', wait: 5_000 },
  { label: 'two models, model-b back first', members: ['model-a', 'model-b'], standby: { 'model-a': '40', 'model-b': '8' }, answerer: 'model-b', wait: 8_000 },
  { label: 'three models, the last back first', members: ['model-a', 'model-b', 'model-c'], standby: { 'model-a': '40', 'model-b': '30', 'model-c': '2' }, answerer: 'model-c', wait: 2_000 },
  { label: 'a single model', members: ['model-a'], standby: { 'model-a': '20' }, answerer: 'model-a', wait: 20_000 },
  { label: 'just inside the deadline (9999ms of 10s)', members: ['model-a'], pool: { timeouts: { request: '10s' } }, standby: { 'model-a': '9999ms' }, answerer: 'model-a', wait: 9_999 },
  { label: 'the timeout option extends the deadline', members: ['model-a', 'model-b'], pool: { timeouts: { request: '10s' } }, options: { timeout: 30_000 }, standby: { 'model-a': '25', 'model-b': '90' }, answerer: 'model-a', wait: 25_000 },
];

const REFUSALS: ReadonlyArray<WaitCase & { retryAfter: number; recoversIn: number }> = [
  { label: 'recovery after timeouts.request', members: ['model-a', 'model-b'], pool: { timeouts: { request: '10s' } }, standby: { 'model-a': '60', 'model-b': '90' }, retryAfter: 60, recoversIn: 60_000 },
  { label: 'recovery after the timeout option', members: ['model-a', 'model-b'], options: { timeout: 3_000 }, standby: { 'model-a': '9', 'model-b': '5' }, retryAfter: 5, recoversIn: 5_000 },
  { label: 'recovery exactly at the deadline', members: ['model-a'], pool: { timeouts: { request: '10s' } }, standby: { 'model-a': '10' }, retryAfter: 10, recoversIn: 10_000 },
  { label: 'retryAfter rounds up to whole seconds', members: ['model-a'], options: { timeout: 2_000 }, standby: { 'model-a': '2500ms' }, retryAfter: 3, recoversIn: 2_500 },
  { label: 'wait_for_recovery: false, recovery 1s away', members: ['model-a', 'model-b'], pool: { recovery: { wait_for_recovery: false } }, standby: { 'model-a': '1', 'model-b': '2' }, retryAfter: 1, recoversIn: 1_000 },
  { label: 'wait_for_recovery: false, single model', members: ['model-a'], pool: { recovery: { wait_for_recovery: false } }, standby: { 'model-a': '30' }, retryAfter: 30, recoversIn: 30_000 },
];

describe('wait for recovery', () => {
  it.each(WAITS.map((c) => [c.label, c] as const))('waits: %s', async (_label, c) => {
    const h = new Harness({ members: c.members, pool: { strategy: 'priority', ...c.pool } });
    await bench(h, c.standby);
    const t0 = h.clock.now();

    const response = await h.run(h.chat({}, c.options));

    expect(response.choices[0]?.message.content).toBe(answerOf(c.answerer));
    expect(h.clock.now() - t0).toBe(c.wait);
    // nothing was called before the recovery; then exactly one (trial) call
    expect(h.callTimes[c.answerer]).toEqual([t0 + c.wait]);
    expect(h.routedModels()).toEqual([c.answerer]);
    expect(h.eventsOf('attempt.failed')).toEqual([]);
    expect(h.status(c.answerer).status).toBe('active');
  });

  it.each(REFUSALS.map((c) => [c.label, c] as const))('refuses at once: %s', async (_label, c) => {
    const h = new Harness({ members: c.members, pool: { strategy: 'priority', ...c.pool } });
    await bench(h, c.standby);
    const t0 = h.clock.now();

    const pending = watch(h.chat({}, c.options));
    await flush();

    expect(pending.settled).toBe(true);
    expect(h.clock.now()).toBe(t0);
    const error = pending.error as NoActiveModelError;
    expect(NoActiveModelError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ poolName: 'chat', retryable: true, retryAfter: c.retryAfter, recoversAt: t0 + c.recoversIn });
    expect(h.callCounts()).toEqual({ 'model-a': 0, 'model-b': 0, 'model-c': 0 });
    expect(h.eventsOf('request.completed')).toEqual([expect.objectContaining({ ok: false, attempts: 0, error: expect.objectContaining({ name: 'NoActiveModelError' }) })]);
  });

  it('inside one request: both models rate limited, it waits for the first back and is answered', async () => {
    // Both Retry-After values are over max_retry_after (30s): each fails over, then the request waits.
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority' } });
    h.script('model-a', { type: 'http', status: 429, headers: { 'retry-after': '35' } }, { type: 'ok' });
    h.script('model-b', { type: 'http', status: 429, headers: { 'retry-after': '50' } });
    const t0 = h.clock.now();
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-a');
    expect(h.clock.now() - t0).toBe(35_000);
    expect(h.routedModels()).toEqual(['model-a', 'model-b', 'model-a']);
    expect(h.callTimes['model-a'].map((t) => t - t0)).toEqual([0, 35_000]);
  });

  it('inside one request: a failed trial during the wait sends it waiting again, within the deadline', async () => {
    // three attempts allowed on the model: the 429, the failed trial, the good trial
    // A 429 without Retry-After: the cooldown, then a half-open trial (a Retry-After would bring it straight back).
    const h = new Harness({ members: ['model-a'], pool: { retry: { max_attempts_per_model: 3 }, recovery: { cooldown: '20s', max_cooldown: '30s', jitter: 0 } } });
    h.script('model-a', { type: 'http', status: 429 }, { type: 'http', status: 503 }, { type: 'ok' });
    const t0 = h.clock.now();
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-a');
    // 429 at 0s (standby 20s), failed trial at 20s (standby 40s capped at 30s), successful trial at 50s
    expect(h.callTimes['model-a'].map((t) => t - t0)).toEqual([0, 20_000, 50_000]);
    expect(h.eventsOf('attempt.failed').map((e) => e.next)).toEqual(['failover', 'failover']);
  });

  it('a model whose per-model attempts are used up is not waited for, even when it recovers within the deadline', async () => {
    const h = new Harness({
      members: ['model-a'],
      pool: { retry: { max_attempts_per_model: 1 }, deactivation: { failure_threshold: 1 }, recovery: { cooldown: '12s', jitter: 0 } },
    });
    h.script('model-a', { type: 'http', status: 503 });
    const t0 = h.clock.now();
    const error = await h.runFailing(h.chat());
    expect(AllProvidersExhaustedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 1 });
    expect(h.clock.now()).toBe(t0);
  });

  it('attempts spent before the wait count: with max_attempts used up there is no waiting', async () => {
    const h = new Harness({ members: ['model-a', 'model-b'], pool: { strategy: 'priority', retry: { max_attempts: 2 } } });
    h.script('model-a', { type: 'http', status: 429, headers: { 'retry-after': '35' } });
    h.script('model-b', { type: 'http', status: 429, headers: { 'retry-after': '36' } });
    const t0 = h.clock.now();
    const error = await h.runFailing(h.chat());
    // every failure a 429: the RateLimitError that frees up soonest, with the attempts made
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryAfter: 35, details: expect.objectContaining({ attempts: 2 }) });
    expect(h.clock.now()).toBe(t0);
  });

  it('a model benched by errors (cooldown, not Retry-After) is waited for too', async () => {
    const h = new Harness({
      members: ['model-a'],
      pool: { deactivation: { failure_threshold: 1 }, recovery: { cooldown: '12s', jitter: 0 } },
    });
    h.script('model-a', { type: 'http', status: 503 }, { type: 'ok' });
    const t0 = h.clock.now();
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-a');
    expect(h.callTimes['model-a'].map((t) => t - t0)).toEqual([0, 12_000]);
  });

  // Two requests wait for the same single model. The first to wake takes the half-open trial;
  // the second wakes to a model that is recovering (trial in flight) well within its deadline.
  it('concurrent requests waiting for the same recovery are all answered', async () => {
    const h = new Harness({ members: ['model-a'] });
    await bench(h, { 'model-a': '5' });
    h.script('model-a', { type: 'ok', latency: 1_000 });
    const first = h.chat();
    const second = h.chat();
    const settled = await h.run(Promise.allSettled([first, second]));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.model : (s.reason as Error).name))).toEqual(['model-a', 'model-a']);
  });

  it('a request arriving while the only model’s trial is in flight is not refused without a retryAfter', async () => {
    const h = new Harness({ members: ['model-a'] });
    await bench(h, { 'model-a': '5' });
    await h.clock.advance(5_000);
    h.script('model-a', { type: 'ok', latency: 1_000 });
    const trial = h.chat();
    await flush();
    const late = h.chat();
    const settled = await h.run(Promise.allSettled([trial, late]));
    const outcome = settled[1];
    if (outcome?.status === 'rejected') {
      // if it must be refused, it has to say when to come back
      expect(outcome.reason).toMatchObject({ name: 'NoActiveModelError', retryAfter: expect.any(Number) });
    } else {
      expect(outcome?.value.model).toBe('model-a');
    }
  });
});
