import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../src/index.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

const quota = (code: string) => new RateLimitError({ providerId: 'pa', modelId: 'model-a', message: 'You exceeded your current quota', details: { code, type: code } });

describe("OpenAI's insufficient_quota 429", () => {
  it('is a billing limit: no retry on that provider, failover at once, the provider in standby like a 402', async () => {
    const { client, clock, a, b, events } = twoModelMesh();
    a.script('model-a', { error: quota('insufficient_quota') }, { ok: 'should not be asked again' });
    b.script('model-b', { ok: 'from b' }, { ok: 'from b again' });
    const answer = await withClock(clock, client.chat.completions.create(ask));
    expect(answer.model).toBe('model-b');
    expect(a.calls).toHaveLength(1);
    const deactivated = events.filter((e) => e.name === 'model.deactivated').map((e) => e.event as { modelKey?: string; reason?: string });
    expect(deactivated).toEqual([expect.objectContaining({ reason: 'auth' })]);
    const next = await withClock(clock, client.chat.completions.create(ask));
    expect(next.model).toBe('model-b');
    expect(a.calls).toHaveLength(1);
  });

  it('an ordinary 429 stays a rate limit (standby for the rate window, reason rate-limited)', async () => {
    const { client, clock, a, b, events } = twoModelMesh();
    a.script('model-a', { error: quota('rate_limit_exceeded') });
    b.script('model-b', { ok: 'from b' });
    await withClock(clock, client.chat.completions.create(ask));
    const deactivated = events.filter((e) => e.name === 'model.deactivated').map((e) => e.event as { reason?: string });
    expect(deactivated).toEqual([expect.objectContaining({ reason: 'rate-limited' })]);
  });
});
