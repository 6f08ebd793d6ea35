// A recovered provider comes back quickly (issue 12, section 6): cooldowns stop growing at
// 30 s, background probes end a standby as soon as the model answers, probe_on_start benches a
// model that fails at start, on_quota_reset: false keeps a model out past its quota reset,
// and closing the client stops the probes. All on the manual clock.
import { describe, expect, it } from 'vitest';
import { createMesh, ManualClock, type ChatCompletion, type ProviderCall } from '../src/index.js';
import { budgetMesh, free } from './support/budget-mesh.js';
import { chatModels, FakeProvider } from './support/fake-provider.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

const statusOf = (f: { client: { poolStatus(pool: string): { models: Array<{ model: string; status: string; until?: number }> } } }, model: string) =>
  f.client.poolStatus('chat').models.find((m) => m.model === model);

/** A provider that knows a free probe (like a model list), counting its uses. */
class ProbingProvider extends FakeProvider {
  probes = 0;
  healthy = false;
  async probe(_modelId: string, call: ProviderCall): Promise<void> {
    this.probes++;
    if (call.signal.aborted) throw call.signal.reason;
    if (!this.healthy) throw new Error('still down');
  }
}

describe('cooldowns', () => {
  it('never park a model for more than 30 s by default, however long the outage', async () => {
    const f = twoModelMesh({ strategy: 'priority', deactivation: { failure_threshold: 1 } });
    f.a.script('model-a', { status: 500 });
    const standbys: number[] = [];
    for (let i = 0; i < 8; i++) {
      await withClock(f.clock, f.client.chat.completions.create(ask));
      const a = statusOf(f, 'model-a');
      if (a?.until !== undefined) standbys.push(a.until - f.clock.now());
      await f.clock.advance(30_000);
    }
    expect(standbys.length).toBeGreaterThan(4);
    expect(Math.max(...standbys)).toBeLessThanOrEqual(30_000);
  });

  it('a trial against a provider still failing costs one attempt, then the request fails over at once', async () => {
    const f = twoModelMesh({ strategy: 'priority', deactivation: { failure_threshold: 1 } });
    f.a.script('model-a', { status: 500 });
    await withClock(f.clock, f.client.chat.completions.create(ask));
    await f.clock.advance(30_000);
    const before = f.a.calls.length;
    const start = f.clock.now();
    const answer = await withClock(f.clock, f.client.chat.completions.create(ask));
    expect(answer.model).toBe('model-b');
    expect(f.a.calls.length - before).toBe(1);
    expect(f.clock.now()).toBe(start);
  });

  it('priority returns to the primary as soon as it is active again', async () => {
    const f = twoModelMesh({ strategy: 'priority', deactivation: { failure_threshold: 1 } });
    f.a.script('model-a', { status: 500 }, { ok: 'primary again' });
    expect((await withClock(f.clock, f.client.chat.completions.create(ask))).model).toBe('model-b');
    expect((await withClock(f.clock, f.client.chat.completions.create(ask))).model).toBe('model-b');
    await f.clock.advance(30_000);
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) answers.push((await withClock(f.clock, f.client.chat.completions.create(ask))).model);
    expect(answers).toEqual(['model-a', 'model-a', 'model-a']);
  });
});

// Requests here need no timer, so they are awaited as they are: driving the clock for them
// would also fire the probes' own timer.
describe('recovery.probe_interval', () => {
  it('ends a standby as soon as a probe (a minimal request) succeeds, long before the cooldown', async () => {
    const f = twoModelMesh({ strategy: 'priority', deactivation: { failure_threshold: 1 }, recovery: { cooldown: '30s', probe_interval: '5s' } });
    f.a.script('model-a', { status: 500 }, { status: 500 }, { ok: 'probe answer' }, { ok: 'back' });
    await f.client.chat.completions.create(ask);
    expect(statusOf(f, 'model-a')?.status).toBe('standby');
    // First probe at 5 s: still failing; second at 10 s: answers.
    await f.clock.advance(5_000);
    expect(statusOf(f, 'model-a')?.status).toBe('standby');
    await f.clock.advance(5_000);
    expect(f.a.calls).toHaveLength(3);
    expect(statusOf(f, 'model-a')?.status).toBe('half-open');
    const answer = await f.client.chat.completions.create(ask);
    expect(answer.choices[0]?.message.content).toBe('back');
  });

  it('uses the provider\'s own probe when it has one, and never probes a model that is active', async () => {
    const clock = new ManualClock();
    const a = new ProbingProvider('pa', clock);
    const b = new FakeProvider('pb', clock);
    const client = createMesh({
      clock,
      random: () => 0.5,
      providers: [
        { provider: a, models: chatModels('model-a') },
        { provider: b, models: chatModels('model-b') },
      ],
      config: {
        models: { 'model-a': { provider: 'pa', capabilities: ['chat-completion'] }, 'model-b': { provider: 'pb', capabilities: ['chat-completion'] } },
        pools: { chat: { models: ['model-a', 'model-b'], strategy: 'priority', deactivation: { failure_threshold: 1 }, recovery: { probe_interval: '2s' } } },
      },
    });
    await clock.advance(10_000);
    expect(a.probes).toBe(0);
    a.script('model-a', { status: 500 }, { ok: 'back' });
    await client.chat.completions.create(ask);
    await clock.advance(2_000);
    expect(a.probes).toBe(1);
    a.healthy = true;
    await clock.advance(2_000);
    expect(a.probes).toBe(2);
    // The probe cost no chat call: only the failed request reached chat.
    expect(a.calls).toHaveLength(1);
    expect(client.poolStatus('chat').models[0]?.status).toBe('half-open');
    await client.close();
  });

  it('leaves Retry-After and quota standbys alone: they end by themselves', async () => {
    const f = twoModelMesh({ strategy: 'priority', recovery: { probe_interval: '1s' } });
    f.a.script('model-a', { status: 429, retryAfter: 20 }, { ok: 'never asked' });
    await f.client.chat.completions.create(ask);
    await f.clock.advance(10_000);
    expect(f.a.calls).toHaveLength(1);
    expect(statusOf(f, 'model-a')?.status).toBe('standby');
  });

  it('stops with the client: no timer is left behind', async () => {
    const f = twoModelMesh({ recovery: { probe_interval: '1s' } });
    expect(f.clock.nextTimerAt()).toBeDefined();
    await f.client.close();
    expect(f.clock.nextTimerAt()).toBeUndefined();
  });
});

describe('recovery.probe_on_start', () => {
  it('starts a model that fails its probe in standby, and leaves the healthy one active', async () => {
    const clock = new ManualClock();
    const a = new ProbingProvider('pa', clock);
    const b = new ProbingProvider('pb', clock);
    b.healthy = true;
    const client = createMesh({
      clock,
      random: () => 0.5,
      providers: [
        { provider: a, models: chatModels('model-a') },
        { provider: b, models: chatModels('model-b') },
      ],
      config: {
        models: { 'model-a': { provider: 'pa', capabilities: ['chat-completion'] }, 'model-b': { provider: 'pb', capabilities: ['chat-completion'] } },
        pools: { chat: { models: ['model-a', 'model-b'], strategy: 'priority', recovery: { probe_on_start: true, cooldown: '30s' } } },
      },
    });
    await clock.advance(0);
    expect([a.probes, b.probes]).toEqual([1, 1]);
    const status = client.poolStatus('chat').models;
    expect(status.map((m) => [m.model, m.status])).toEqual([
      ['model-a', 'standby'],
      ['model-b', 'active'],
    ]);
    const answer: ChatCompletion = await withClock(clock, client.chat.completions.create(ask));
    expect(answer.model).toBe('model-b');
    expect(a.calls).toHaveLength(0);
    await client.close();
  });
});

describe('recovery.on_quota_reset', () => {
  it('false keeps a model out of its quota past the reset, until it is reactivated', async () => {
    const { client, clock } = budgetMesh([free('a', { limits: { rpm: 1 } }), free('b')], {
      pools: { chat: { models: ['a', 'b'], strategy: 'priority', recovery: { on_quota_reset: false } } },
      models: { a: { provider: 'p', capabilities: ['chat-completion'], limits: { rpm: 1 } }, b: { provider: 'p', capabilities: ['chat-completion'] } },
    });
    const first = { model: 'chat', messages: [{ role: 'user' as const, content: 'Hi' }] };
    expect((await client.chat.completions.create(first)).model).toBe('a');
    expect((await client.chat.completions.create(first)).model).toBe('b');
    await clock.advance(120_000);
    expect((await client.chat.completions.create(first)).model).toBe('b');
    client.reactivate('a');
    expect((await client.chat.completions.create(first)).model).toBe('a');
  });
});
