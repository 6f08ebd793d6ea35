import { describe, expect, it } from 'vitest';
import { DeadlineExceededError, RequestAbortedError } from '../src/index.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

describe('cancellation and deadlines', () => {
  it('an aborted signal stops a hanging attempt at once and cancels the provider call', async () => {
    const { client, a, b } = twoModelMesh();
    a.script('model-a', { hang: true });
    const controller = new AbortController();
    const pending = client.chat.completions.create(ask, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
    expect(a.calls[0]?.signal.aborted).toBe(true);
    expect(b.calls).toHaveLength(0);
  });

  it('an already-aborted signal calls no provider', async () => {
    const { client, a } = twoModelMesh();
    const controller = new AbortController();
    controller.abort();
    await expect(client.chat.completions.create(ask, { signal: controller.signal })).rejects.toBeInstanceOf(RequestAbortedError);
    expect(a.calls).toHaveLength(0);
  });

  it('abort during a backoff wait ends the request without another attempt', async () => {
    const { client, a } = twoModelMesh();
    a.script('model-a', { status: 503 });
    const controller = new AbortController();
    const pending = client.chat.completions.create(ask, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.calls).toHaveLength(1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError);
    expect(a.calls).toHaveLength(1);
  });

  it('the per-request timeout ends the request with DeadlineExceededError', async () => {
    const { client, clock, a } = twoModelMesh();
    a.script('model-a', { hang: true });
    const error = await withClock(clock, client.chat.completions.create(ask, { timeout: 1_500 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as DeadlineExceededError).timeoutSeconds).toBe(1.5);
  });

  it('with default timeouts a hanging model is not retried past the deadline: the backup gets its turn', async () => {
    const { client, clock, a, b } = twoModelMesh();
    a.script('model-a', { hang: true });
    const started = clock.now();
    const response = await withClock(clock, client.chat.completions.create(ask));
    expect(response.model).toBe('model-b');
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    expect(clock.now() - started).toBe(60_000);
  });

  it('a hanging attempt times out per attempt and the request fails over', async () => {
    const { client, clock, a } = twoModelMesh({ timeouts: { attempt: '2s' }, retry: { max_attempts_per_model: 1 } });
    a.script('model-a', { hang: true });
    const started = clock.now();
    const response = await withClock(clock, client.chat.completions.create(ask));
    expect(response.model).toBe('model-b');
    expect(clock.now() - started).toBe(2_000);
  });
});
