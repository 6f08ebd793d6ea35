import { describe, expect, it } from 'vitest';
import { AllProvidersExhaustedError, AuthenticationError, NoActiveModelError, ProviderHttpError, RateLimitError } from '../src/index.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

describe('retry and failover', () => {
  it('answers from the first model when it is healthy', async () => {
    const { client, a, b } = twoModelMesh();
    const response = await client.chat.completions.create(ask);
    expect(response.choices[0]?.message.content).toBe('hello from model-a');
    expect(response.model).toBe('model-a');
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(0);
  });

  it('retries a 503 on the same model after a backoff, then fails over', async () => {
    const { client, clock, a, b, events } = twoModelMesh();
    a.script('model-a', { status: 503 });
    const started = clock.now();
    const response = await withClock(clock, client.chat.completions.create(ask));
    expect(response.model).toBe('model-b');
    expect(a.calls).toHaveLength(2);
    expect(b.calls).toHaveLength(1);
    const failed = events.filter((e) => e.name === 'attempt.failed').map((e) => e.event as { next: string; delayMs: number });
    expect(failed.map((f) => f.next)).toEqual(['retry-same', 'failover']);
    // full jitter with random 0.5 over initial 250ms → 125ms
    expect(failed[0]?.delayMs).toBe(125);
    expect(clock.now() - started).toBe(125);
    expect(events.some((e) => e.name === 'request.failover')).toBe(true);
  });

  it('honours Retry-After on a retryable 429 when the model stays active', async () => {
    const { client, clock, a } = twoModelMesh({ deactivation: { on_rate_limit: false }, retry: { max_attempts_per_model: 2 } });
    a.script('model-a', { status: 429, retryAfter: 3 }, { ok: 'after wait' });
    const started = clock.now();
    const response = await withClock(clock, client.chat.completions.create(ask));
    expect(response.choices[0]?.message.content).toBe('after wait');
    expect(clock.now() - started).toBe(3_000);
  });

  it('puts a rate-limited model in standby and fails over at once', async () => {
    const { client, clock, a, b, events } = twoModelMesh();
    a.script('model-a', { status: 429, retryAfter: 20 });
    const started = clock.now();
    const response = await withClock(clock, client.chat.completions.create(ask));
    expect(response.model).toBe('model-b');
    expect(clock.now()).toBe(started);
    expect(a.calls).toHaveLength(1);
    const deactivated = events.find((e) => e.name === 'model.deactivated')?.event as { modelKey: string; reason: string; until: number };
    expect(deactivated).toMatchObject({ modelKey: 'model-a', reason: 'rate-limited', until: started + 20_000 });
  });

  it('surfaces a 400 without retrying or failing over', async () => {
    const { client, a, b } = twoModelMesh();
    a.script('model-a', { status: 400 });
    await expect(client.chat.completions.create(ask)).rejects.toBeInstanceOf(ProviderHttpError);
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(0);
  });

  it('fails over on an authentication error without retrying that provider', async () => {
    const { client, a, b } = twoModelMesh();
    a.script('model-a', { error: new AuthenticationError({ providerId: 'pa', modelId: 'model-a' }) });
    const response = await client.chat.completions.create(ask);
    expect(response.model).toBe('model-b');
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    expect(client.poolStatus('chat').models.find((m) => m.model === 'model-a')).toMatchObject({ status: 'standby', reason: 'auth' });
  });

  it('throws AllProvidersExhaustedError with attempts and the last error', async () => {
    const { client, clock, a, b } = twoModelMesh();
    a.script('model-a', { status: 500 });
    b.script('model-b', { status: 502 });
    const error = await withClock(clock, client.chat.completions.create(ask)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllProvidersExhaustedError);
    const exhausted = error as AllProvidersExhaustedError;
    expect(exhausted.attempts).toBe(4);
    expect(exhausted.poolName).toBe('chat');
    expect((exhausted.lastError as ProviderHttpError).status).toBe(502);
  });

  it('a mix of rate limits and other failures ends in AllProvidersExhaustedError', async () => {
    const { client, clock, a, b } = twoModelMesh();
    a.script('model-a', { status: 429, retryAfter: 60 });
    b.script('model-b', { status: 500 });
    await expect(withClock(clock, client.chat.completions.create(ask))).rejects.toBeInstanceOf(AllProvidersExhaustedError);
  });

  it('stops at retry.max_attempts across models', async () => {
    const { client, clock, a, b } = twoModelMesh({ retry: { max_attempts: 3 } });
    a.script('model-a', { status: 500 });
    b.script('model-b', { status: 500 });
    const error = (await withClock(clock, client.chat.completions.create(ask)).catch((e: unknown) => e)) as AllProvidersExhaustedError;
    expect(error.attempts).toBe(3);
    expect(a.calls.length + b.calls.length).toBe(3);
  });

  it('throws NoActiveModelError with the earliest recovery when every model is in standby beyond the deadline', async () => {
    const { client, clock, a, b } = twoModelMesh({ timeouts: { request: '10s' } });
    a.script('model-a', { status: 429, retryAfter: 60 }, { ok: 'a back' });
    b.script('model-b', { status: 429, retryAfter: 90 }, { ok: 'b back' });
    // every attempt was rate limited: the caller learns that, and when the first model frees up
    const first = (await withClock(clock, client.chat.completions.create(ask)).catch((e: unknown) => e)) as RateLimitError;
    expect(first).toBeInstanceOf(RateLimitError);
    expect(first.retryAfter).toBe(60);
    expect(first.details).toMatchObject({ poolName: 'chat', attempts: 2 });
    const error = (await client.chat.completions.create(ask).catch((e: unknown) => e)) as NoActiveModelError;
    expect(error).toBeInstanceOf(NoActiveModelError);
    expect(error.retryable).toBe(true);
    expect(error.poolName).toBe('chat');
    expect(error.retryAfter).toBe(60);
  });

  it('waits for the earliest recovery when it falls within the deadline', async () => {
    const { client, clock, a, b } = twoModelMesh();
    a.script('model-a', { status: 429, retryAfter: 5 }, { ok: 'a recovered' });
    b.script('model-b', { status: 429, retryAfter: 50 });
    const started = clock.now();
    const response = await withClock(clock, client.chat.completions.create(ask));
    expect(response.choices[0]?.message.content).toBe('a recovered');
    expect(clock.now() - started).toBe(5_000);
  });
});

describe('out of credit', () => {
  it('a 402 takes the provider out and fails over without retrying it', async () => {
    const { client, a, b } = twoModelMesh();
    a.script('model-a', { status: 402 });
    const response = await client.chat.completions.create(ask);
    expect(response.model).toBe('model-b');
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    expect(client.poolStatus('chat').models.find((m) => m.model === 'model-a')).toMatchObject({ status: 'standby', reason: 'auth' });
  });
});
