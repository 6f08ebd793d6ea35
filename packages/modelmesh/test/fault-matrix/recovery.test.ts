// Matrix 3: standby after N failures, skipped until the cooldown passes, exactly one half-open
// trial under concurrency, recovery on success, doubled cooldown on failure, jitter, and how
// the strategies treat a recovered model.
import { describe, expect, it } from 'vitest';
import { createMesh, ManualClock, ProviderHttpError, StreamInterruptedError } from 'modelmesh';
import { mockProviderEntry, type MockOutcome } from 'modelmesh/testing';
import { consume, flush, Harness, type HarnessOptions } from './support/harness.js';

const HTTP_503: MockOutcome = { type: 'http', status: 503 };

/** model-a first (priority), one attempt per model per request, so each request fails model-a once and is served by model-b. */
function recoveryMesh(overrides: { deactivation?: Record<string, unknown>; recovery?: Record<string, unknown>; strategy?: string } = {}, extra: HarnessOptions = {}): Harness {
  return new Harness({
    members: ['model-a', 'model-b'],
    ...extra,
    pool: {
      strategy: overrides.strategy ?? 'priority',
      retry: { max_attempts_per_model: 1 },
      deactivation: { failure_threshold: 3, ...overrides.deactivation },
      recovery: { cooldown: '10s', max_cooldown: '60s', jitter: 0, ...overrides.recovery },
      // A trial stream that breaks must count against the model, not be rescued by model-b.
      stream_recovery: 'off',
    },
  });
}

/** Sends requests until model-a is in standby; every one is answered by model-b. */
async function trip(h: Harness, failures = 3): Promise<void> {
  h.script('model-a', HTTP_503);
  for (let i = 0; i < failures; i++) {
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-b');
  }
  expect(h.status('model-a').status).toBe('standby');
}

/** Moves the clock to the end of model-a's standby. */
async function waitOutStandby(h: Harness): Promise<void> {
  const until = h.status('model-a').until;
  if (until === undefined) throw new Error('model-a is not in standby');
  await h.clock.advance(until - h.clock.now());
}

describe('deactivation after N consecutive failures', () => {
  it.each([1, 2, 3, 5])('failure_threshold %i: standby exactly at the N-th failure, for the cooldown', async (threshold) => {
    const h = recoveryMesh({ deactivation: { failure_threshold: threshold } });
    h.script('model-a', HTTP_503);
    for (let i = 1; i <= threshold; i++) {
      expect(h.status('model-a').status).toBe('active');
      expect((await h.run(h.chat())).model).toBe('model-b');
    }
    const t = h.clock.now();
    expect(h.eventsOf('model.deactivated')).toEqual([expect.objectContaining({ modelKey: 'model-a', reason: 'errors', until: t + 10_000, at: t })]);
    expect(h.status('model-a')).toMatchObject({ status: 'standby', reason: 'errors', until: t + 10_000 });
    expect(h.count('model-a')).toBe(threshold);
  });

  it.each<[string, MockOutcome]>([
    ['timeout', { type: 'timeout' }],
    ['connection reset', { type: 'reset' }],
    ['malformed response', { type: 'malformed' }],
    ['HTTP 500', { type: 'http', status: 500 }],
  ])('%s counts toward the threshold like a 503', async (_label, outcome) => {
    const h = recoveryMesh();
    h.script('model-a', outcome);
    for (let i = 0; i < 3; i++) expect((await h.run(h.chat())).model).toBe('model-b');
    expect(h.status('model-a')).toMatchObject({ status: 'standby', reason: 'errors' });
  });

  it('a success in between resets the count', async () => {
    const h = recoveryMesh();
    h.script('model-a', HTTP_503, HTTP_503, { type: 'ok' }, HTTP_503, HTTP_503);
    for (let i = 0; i < 5; i++) await h.run(h.chat());
    expect(h.status('model-a').status).toBe('active');
    expect(h.eventsOf('model.deactivated')).toEqual([]);
  });

  it('error_rate_threshold: standby once the failure ratio over the window reaches it', async () => {
    const h = recoveryMesh({ deactivation: { failure_threshold: 100, error_rate_threshold: 0.5, error_rate_min_requests: 4, error_rate_window: '1m' } });
    h.script('model-a', { type: 'ok' }, HTTP_503, { type: 'ok' }, HTTP_503);
    const served: string[] = [];
    for (let i = 0; i < 4; i++) served.push((await h.run(h.chat())).model);
    expect(served).toEqual(['model-a', 'model-b', 'model-a', 'model-b']);
    expect(h.status('model-a')).toMatchObject({ status: 'standby', reason: 'error-rate' });
    expect(h.eventsOf('model.deactivated')).toEqual([expect.objectContaining({ modelKey: 'model-a', reason: 'error-rate', detail: expect.stringContaining('50%') })]);
  });

  it('an auth failure benches every model of the provider, and the request moves to another provider', async () => {
    const clock = new ManualClock();
    const shared = mockProviderEntry({ id: 'shared', connector: 'shared.llm.v1', models: ['big', 'small'], script: { type: 'http', status: 401 }, clock });
    const other = mockProviderEntry({ id: 'other', models: ['other-model'], script: { type: 'ok', content: 'from the other provider' }, clock });
    // no config: the capability pool, members in provider order
    const client = createMesh({ clock, random: () => 0.5, providers: [shared, other] });
    const response = await client.chat.completions.create({ model: 'chat-completion', messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.choices[0]?.message.content).toBe('from the other provider');
    // one call: the provider's other model was not tried with the same rejected credentials
    expect(shared.provider.calls.map((c) => c.model)).toEqual(['big']);
    expect(client.poolStatus('chat-completion').models.map((m) => [m.model, m.status, m.reason])).toEqual([
      ['big', 'standby', 'auth'],
      ['small', 'standby', 'auth'],
      ['other-model', 'active', undefined],
    ]);
    // every model of the shared provider is out, so only the other connector is active
    expect(client.activeConnectors()).toEqual(['mock.llm.v1']);
  });

  it('error_codes put a model in standby at the first such status', async () => {
    const h = recoveryMesh({ deactivation: { error_codes: [503] } });
    h.script('model-a', HTTP_503);
    expect((await h.run(h.chat())).model).toBe('model-b');
    expect(h.status('model-a')).toMatchObject({ status: 'standby', reason: 'errors' });
  });
});

describe('cooldown and the half-open trial', () => {
  it('skips a model in standby until its cooldown has passed, then lets one request through as the trial', async () => {
    const h = recoveryMesh();
    await trip(h);
    const until = h.status('model-a').until ?? NaN;

    await h.clock.advance(until - h.clock.now() - 1);
    const explained = h.client.explain({ model: 'chat' });
    expect(explained.selectedModel).toBe('model-b');
    expect(explained.candidates.find((c) => c.model === 'model-a')).toMatchObject({ status: 'standby', selected: false, skipped: expect.stringContaining('standby') });
    expect((await h.run(h.chat())).model).toBe('model-b');
    expect(h.count('model-a')).toBe(3);

    await h.clock.advance(1);
    expect(h.status('model-a').status).toBe('half-open');
    expect(h.client.explain({ model: 'chat' })).toMatchObject({ selectedModel: 'model-a' });
    h.script('model-a', { type: 'ok' });
    const response = await h.run(h.chat());
    expect(response.model).toBe('model-a');
    expect(h.count('model-a')).toBe(4);
    expect(h.eventsOf('model.recovered')).toEqual([expect.objectContaining({ modelKey: 'model-a', reason: 'errors', at: until })]);
    expect(h.status('model-a').status).toBe('active');
  });

  it.each([2, 5, 20])('%i concurrent requests at recovery time: exactly one goes to the half-open model', async (concurrency) => {
    const h = recoveryMesh();
    await trip(h);
    await waitOutStandby(h);
    const bBefore = h.count('model-b');
    h.script('model-a', { type: 'ok', latency: 1_000 });

    const pending = Array.from({ length: concurrency }, () => h.chat());
    await flush();
    expect(h.count('model-a')).toBe(4);
    expect(h.count('model-b') - bBefore).toBe(concurrency - 1);
    expect(h.client.explain({ model: 'chat' }).candidates.find((c) => c.model === 'model-a')).toMatchObject({ status: 'half-open', skipped: 'half-open trial already in flight' });
    expect(h.eventsOf('model.recovered')).toEqual([]);

    const trialEnd = h.clock.now() + 1_000;
    await h.clock.advance(1_000);
    const models = (await Promise.all(pending)).map((r) => r.model).sort();
    expect(models).toEqual(['model-a', ...Array<string>(concurrency - 1).fill('model-b')]);
    expect(h.eventsOf('model.recovered')).toEqual([expect.objectContaining({ modelKey: 'model-a', reason: 'errors', at: trialEnd })]);
    expect(h.status('model-a').status).toBe('active');

    // active again: no more gating, every concurrent request may use it
    h.script('model-a', { type: 'ok' });
    const after = await h.run(Promise.all([h.chat(), h.chat(), h.chat()]));
    expect(after.map((r) => r.model)).toEqual(['model-a', 'model-a', 'model-a']);
  });

  it.each([
    { multiplier: 2, cooldown: '10s', max: '60s', deltas: [10_000, 20_000, 40_000, 60_000, 60_000] },
    { multiplier: 3, cooldown: '5s', max: '100s', deltas: [5_000, 15_000, 45_000, 100_000, 100_000] },
    { multiplier: 1, cooldown: '7s', max: '60s', deltas: [7_000, 7_000, 7_000] },
  ])('a failed trial sends the model back with the cooldown × $multiplier (up to $max): $deltas', async ({ multiplier, cooldown, max, deltas }) => {
    const h = recoveryMesh({ recovery: { cooldown, max_cooldown: max, backoff_multiplier: multiplier } });
    await trip(h);
    for (let i = 1; i < deltas.length; i++) {
      await waitOutStandby(h);
      expect(h.status('model-a').status).toBe('half-open');
      const aBefore = h.count('model-a');
      // the trial fails; the caller is still answered by model-b
      expect((await h.run(h.chat())).model).toBe('model-b');
      expect(h.count('model-a') - aBefore).toBe(1);
      expect(h.eventsOf('attempt.failed').at(-1)).toMatchObject({ modelKey: 'model-a', next: 'failover' });
    }
    const deactivations = h.eventsOf('model.deactivated');
    expect(deactivations.map((e) => e.until - e.at)).toEqual(deltas);
    expect(deactivations.slice(1).every((e) => e.reason === 'errors' && (e.detail ?? '').includes('trial'))).toBe(true);
    expect(h.eventsOf('model.recovered')).toEqual([]);
  });

  it('a successful trial resets the backoff: the next standby is the first cooldown again', async () => {
    const h = recoveryMesh();
    await trip(h);
    await waitOutStandby(h);
    await h.run(h.chat()); // trial fails: 20s
    await waitOutStandby(h);
    h.script('model-a', { type: 'ok' });
    expect((await h.run(h.chat())).model).toBe('model-a');
    expect(h.status('model-a').status).toBe('active');
    await trip(h);
    expect(h.eventsOf('model.deactivated').map((e) => e.until - e.at)).toEqual([10_000, 20_000, 10_000]);
  });

  it.each([
    { r: 0, delta: 8_000 },
    { r: 0.25, delta: 9_000 },
    { r: 0.5, delta: 10_000 },
    { r: 0.75, delta: 11_000 },
    { r: 0.999, delta: 11_996 },
  ])('cooldown jitter ±20% with draw $r: standby for $delta ms', async ({ r, delta }) => {
    const h = recoveryMesh({ recovery: { jitter: 0.2 } });
    h.script('model-a', HTTP_503);
    await h.run(h.chat());
    await h.run(h.chat());
    const draws = h.random.draws.length;
    h.random.push(r);
    await h.run(h.chat());
    expect(h.random.draws.length - draws).toBe(1);
    expect(h.eventsOf('model.deactivated').map((e) => e.until - e.at)).toEqual([delta]);
  });

  it('jitter never pushes a cooldown past max_cooldown', async () => {
    const h = recoveryMesh({ recovery: { jitter: 0.2, cooldown: '60s', max_cooldown: '60s' } });
    h.script('model-a', HTTP_503);
    await h.run(h.chat());
    await h.run(h.chat());
    h.random.push(0.999);
    await h.run(h.chat());
    expect(h.eventsOf('model.deactivated').map((e) => e.until - e.at)).toEqual([60_000]);
  });

  it('half_open: false returns the model straight to active when the cooldown ends, without a trial', async () => {
    const h = recoveryMesh({ recovery: { half_open: false } });
    await trip(h);
    const until = h.status('model-a').until ?? NaN;
    // noticed late, stamped when it fell due
    await h.clock.advance(until - h.clock.now() + 5_000);
    expect(h.status('model-a').status).toBe('active');
    expect(h.eventsOf('model.recovered')).toEqual([expect.objectContaining({ modelKey: 'model-a', at: until })]);
    h.script('model-a', { type: 'ok', latency: 1_000 });
    const pending = [h.chat(), h.chat(), h.chat()];
    await flush();
    expect(h.count('model-a')).toBe(3 + 3);
    await h.clock.advance(1_000);
    expect((await Promise.all(pending)).map((r) => r.model)).toEqual(['model-a', 'model-a', 'model-a']);
  });

  it('a trial that fails through the request’s own fault (400) frees the slot: the model stays half-open', async () => {
    const h = recoveryMesh();
    await trip(h);
    await waitOutStandby(h);
    h.script('model-a', { type: 'http', status: 400 }, { type: 'ok' });
    const error = await h.runFailing(h.chat());
    expect(ProviderHttpError.isInstance(error) && error.status === 400).toBe(true);
    expect(h.status('model-a').status).toBe('half-open');
    expect(h.eventsOf('model.deactivated')).toHaveLength(1);
    expect((await h.run(h.chat())).model).toBe('model-a');
    expect(h.eventsOf('model.recovered')).toHaveLength(1);
  });

  it('a rate-limited trial goes back for exactly the new Retry-After, not a doubled cooldown', async () => {
    const h = recoveryMesh();
    h.script('model-a', { type: 'http', status: 429, headers: { 'retry-after': '5' } });
    await h.run(h.chat());
    await waitOutStandby(h);
    await h.run(h.chat());
    await waitOutStandby(h);
    h.script('model-a', { type: 'http', status: 429, headers: { 'retry-after': '3' } });
    await h.run(h.chat());
    expect(h.eventsOf('model.deactivated').map((e) => [e.reason, e.until - e.at])).toEqual([
      ['rate-limited', 5_000],
      ['rate-limited', 5_000],
      ['rate-limited', 3_000],
    ]);
  });

  it('an auth failure benches the provider for max_cooldown; a successful trial brings it back with reason auth', async () => {
    const h = recoveryMesh();
    h.script('model-a', { type: 'http', status: 401 }, { type: 'ok' });
    expect((await h.run(h.chat())).model).toBe('model-b');
    const [deactivated] = h.eventsOf('model.deactivated');
    expect(deactivated).toMatchObject({ modelKey: 'model-a', reason: 'auth' });
    expect((deactivated?.until ?? 0) - (deactivated?.at ?? 0)).toBe(60_000);
    await h.clock.advance(59_999);
    expect((await h.run(h.chat())).model).toBe('model-b');
    await h.clock.advance(1);
    expect((await h.run(h.chat())).model).toBe('model-a');
    expect(h.eventsOf('model.recovered')).toEqual([expect.objectContaining({ modelKey: 'model-a', reason: 'auth' })]);
  });
});

describe('streams as half-open trials', () => {
  it('the model is active only once the trial stream has completed', async () => {
    const h = recoveryMesh();
    await trip(h);
    await waitOutStandby(h);
    h.script('model-a', { type: 'ok', content: 'one two three', chunkLatency: 100 });
    const stream = await h.run(h.stream());
    // committed, still streaming: the trial is in flight
    expect(h.status('model-a').status).toBe('half-open');
    expect((await h.run(h.chat())).model).toBe('model-b');
    const seen = await h.run(consume(stream));
    expect(seen.error).toBeUndefined();
    expect(seen.text).toBe('one two three');
    expect(h.status('model-a').status).toBe('active');
    expect(h.eventsOf('model.recovered')).toHaveLength(1);
  });

  it('a trial stream interrupted after content sends the model back with a doubled cooldown', async () => {
    const h = recoveryMesh();
    await trip(h);
    await waitOutStandby(h);
    h.script('model-a', { type: 'stream-cut', content: 'one two three', afterChunks: 1 });
    const stream = await h.run(h.stream());
    const seen = await h.run(consume(stream));
    expect(StreamInterruptedError.isInstance(seen.error)).toBe(true);
    expect(h.eventsOf('model.deactivated').map((e) => e.until - e.at)).toEqual([10_000, 20_000]);
    expect(h.status('model-a')).toMatchObject({ status: 'standby', reason: 'errors' });
  });
});

describe('where traffic goes once a model recovers', () => {
  it.each([
    { strategy: 'stick-until-failure', after: 'model-b', why: 'stays on the replacement' },
    { strategy: 'priority', after: 'model-a', why: 'returns to the highest priority' },
  ])('$strategy $why', async ({ strategy, after }) => {
    // One failure trips model-a: stick-until-failure leaves a failing model after its first failover anyway.
    const h = recoveryMesh({ strategy, deactivation: { failure_threshold: 1 } });
    await trip(h, 1);
    // a request while model-a is out: stick-until-failure moves its pointer to model-b here
    expect((await h.run(h.chat())).model).toBe('model-b');
    await waitOutStandby(h);
    h.script('model-a', { type: 'ok' });
    for (let i = 0; i < 3; i++) expect((await h.run(h.chat())).model).toBe(after);
    expect(h.client.explain({ model: 'chat' }).selectedModel).toBe(after);
  });

  it('every request while the only model is in standby, without waiting, is refused without a provider call', async () => {
    const h = new Harness({ members: ['model-a'], pool: { recovery: { cooldown: '10s', jitter: 0, wait_for_recovery: false }, retry: { max_attempts_per_model: 1 }, deactivation: { failure_threshold: 1 } } });
    h.script('model-a', HTTP_503);
    await h.runFailing(h.chat());
    for (let i = 0; i < 3; i++) {
      const error = await h.runFailing(h.chat());
      expect((error as Error).name).toBe('NoActiveModelError');
    }
    expect(h.count('model-a')).toBe(1);
  });
});
