import { describe, expect, it } from 'vitest';
import { ContextLengthExceededError, InvalidRequestError, ProviderError, ProviderHttpError } from '../src/index.js';
import type { FakeOutcome } from './support/fake-provider.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

const causes: Array<[string, FakeOutcome, (error: unknown) => boolean]> = [
  ['a local stack overflow while serialising the body', { error: new RangeError('Maximum call stack size exceeded') as never }, (e) => InvalidRequestError.isInstance(e)],
  ['an InvalidRequestError from the provider package', { error: new InvalidRequestError({ message: 'cannot be sent' }) }, (e) => InvalidRequestError.isInstance(e)],
  ['a 400 for this request', { status: 400 }, (e) => ProviderHttpError.isInstance(e) && e.status === 400],
  ['a 413 for this request', { status: 413 }, (e) => ProviderHttpError.isInstance(e) && e.status === 413],
  ['a 422 for this request', { status: 422 }, (e) => ProviderHttpError.isInstance(e) && e.status === 422],
];

describe('a failure the request caused never counts against a model', () => {
  it.each(causes)('%s: surfaced to the caller, no failover, no standby after many requests', async (_name, outcome, expected) => {
    const { client, clock, a, b, events } = twoModelMesh({ deactivation: { failure_threshold: 1 } });
    a.script('model-a', outcome, outcome, outcome, outcome, outcome, { ok: 'fine' });
    for (let i = 0; i < 5; i++) {
      const error = await withClock(clock, client.chat.completions.create(ask)).catch((e: unknown) => e);
      expect(expected(error)).toBe(true);
      expect(ProviderError.isInstance(error) && error.code === 'connection_error').toBe(false);
    }
    expect(b.calls).toHaveLength(0);
    expect(events.filter((e) => e.name === 'model.deactivated')).toEqual([]);
    const answer = await client.chat.completions.create(ask);
    expect(answer.model).toBe('model-a');
  });

  it('a context overflow fails over to a larger model but puts none in standby', async () => {
    const { client, clock, a, events } = twoModelMesh({ deactivation: { failure_threshold: 1 } });
    a.script('model-a', { error: new ContextLengthExceededError({ providerId: 'pa', modelId: 'model-a' }) });
    for (let i = 0; i < 3; i++) await withClock(clock, client.chat.completions.create(ask)).catch(() => undefined);
    expect(a.calls).toHaveLength(3);
    expect(events.filter((e) => e.name === 'model.deactivated')).toEqual([]);
  });
});
