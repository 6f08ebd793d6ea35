// Rate limits and Retry-After (issue 12, section 3): a short wait that fits the deadline is
// waited out on the same model, exactly; a long one parks the model and fails over at once.
import { describe, expect, it } from 'vitest';
import { AllProvidersExhaustedError, RateLimitError, type MeshEventMap } from '../src/index.js';
import { ask, twoModelMesh, withClock, type Fixture } from './support/mesh-fixture.js';

function routed(f: Fixture): Array<[string, number]> {
  const start = f.events.find((e) => e.name === 'request.routed')?.event as MeshEventMap['request.routed'] | undefined;
  return f.events
    .filter((e) => e.name === 'request.routed')
    .map((e) => e.event as MeshEventMap['request.routed'])
    .map((e) => [e.modelKey, e.at - (start?.at ?? 0)]);
}

const POOL = { strategy: 'priority', retry: { backoff: 'fixed', initial_delay: '100ms' } };

describe('Retry-After', () => {
  it('waits out a 429 Retry-After of 2 s on the same model, exactly, by default', async () => {
    const f = twoModelMesh(POOL);
    f.a.script('model-a', { status: 429, retryAfter: 2 }, { ok: 'after the wait' });
    const answer = await withClock(f.clock, f.client.chat.completions.create(ask));
    expect(answer.choices[0]?.message.content).toBe('after the wait');
    expect(routed(f)).toEqual([['model-a', 0], ['model-a', 2_000]]);
    expect(f.b.calls).toHaveLength(0);
  });

  it('waits out a 503 Retry-After the same way', async () => {
    const f = twoModelMesh(POOL);
    f.a.script('model-a', { status: 503, retryAfter: 1 }, { ok: 'after the wait' });
    await withClock(f.clock, f.client.chat.completions.create(ask));
    expect(routed(f)).toEqual([['model-a', 0], ['model-a', 1_000]]);
  });

  it('fails over at once on a Retry-After longer than max_retry_after (5 s by default) and parks the model that long', async () => {
    const f = twoModelMesh(POOL);
    f.a.script('model-a', { status: 429, retryAfter: 20 });
    const answer = await withClock(f.clock, f.client.chat.completions.create(ask));
    expect(answer.choices[0]?.message.content).toBe('hello from model-b');
    expect(routed(f)).toEqual([['model-a', 0], ['model-b', 0]]);
    const a = f.client.poolStatus('chat').models.find((m) => m.model === 'model-a');
    expect(a).toMatchObject({ status: 'standby', reason: 'rate-limited' });
    expect((a?.until ?? 0) - f.clock.now()).toBe(20_000);
  });

  it('parks a model whose 503 asks for a long wait, and brings it back when the wait is over', async () => {
    const f = twoModelMesh(POOL);
    f.a.script('model-a', { status: 503, retryAfter: 60 }, { ok: 'back' });
    await withClock(f.clock, f.client.chat.completions.create(ask));
    expect(routed(f)).toEqual([['model-a', 0], ['model-b', 0]]);
    // Meanwhile priority serves from model-b; after the 60 s model-a is the first choice again.
    await withClock(f.clock, f.client.chat.completions.create(ask));
    expect(f.a.calls).toHaveLength(1);
    await f.clock.advance(60_000);
    const answer = await withClock(f.clock, f.client.chat.completions.create(ask));
    expect(answer.choices[0]?.message.content).toBe('back');
  });

  it('moves on when the wait does not fit the request deadline', async () => {
    const f = twoModelMesh(POOL);
    f.a.script('model-a', { status: 503, retryAfter: 3 });
    await withClock(f.clock, f.client.chat.completions.create(ask, { timeout: 2_000 }));
    expect(routed(f)).toEqual([['model-a', 0], ['model-b', 0]]);
    // Fine again in 3 s: not parked for a wait that was only too long for this one request.
    expect(f.client.poolStatus('chat').models.find((m) => m.model === 'model-a')?.status).toBe('active');
  });

  it('honours max_retry_after as configured (and its alias max_retry_after_wait)', async () => {
    for (const key of ['max_retry_after', 'max_retry_after_wait']) {
      const f = twoModelMesh({ ...POOL, retry: { ...POOL.retry, [key]: '1s' } });
      f.a.script('model-a', { status: 429, retryAfter: 2 });
      await withClock(f.clock, f.client.chat.completions.create(ask));
      expect(routed(f)).toEqual([['model-a', 0], ['model-b', 0]]);
    }
  });

  it('never starts a third attempt on one model within 1.5 s', async () => {
    const f = twoModelMesh({ ...POOL, retry: { backoff: 'none', max_attempts_per_model: 4 }, deactivation: { failure_threshold: 10 } });
    f.a.script('model-a', { status: 503, retryAfter: 0 }, { status: 503, retryAfter: 0 }, { status: 503, retryAfter: 0 }, { ok: 'fourth' });
    const answer = await withClock(f.clock, f.client.chat.completions.create(ask));
    expect(answer.choices[0]?.message.content).toBe('fourth');
    expect(routed(f)).toEqual([['model-a', 0], ['model-a', 0], ['model-a', 1_500], ['model-a', 1_500]]);
  });

  it('gives the caller retryAfter as a field: the rate limit that frees up first, or the exhaustion with the shortest wait', async () => {
    const limited = twoModelMesh(POOL);
    limited.a.script('model-a', { status: 429, retryAfter: 20 });
    limited.b.script('model-b', { status: 429, retryAfter: 40 });
    const error = await withClock(limited.clock, limited.client.chat.completions.create(ask)).catch((e: unknown) => e);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfter).toBe(20);

    const down = twoModelMesh(POOL);
    down.a.script('model-a', { status: 503, retryAfter: 30 });
    down.b.script('model-b', { status: 500 });
    const exhausted = await withClock(down.clock, down.client.chat.completions.create(ask)).catch((e: unknown) => e);
    expect(AllProvidersExhaustedError.isInstance(exhausted)).toBe(true);
    expect((exhausted as AllProvidersExhaustedError).retryAfter).toBe(30);
    expect((exhausted as AllProvidersExhaustedError).toJSON()['retryAfter']).toBe(30);
  });
});
