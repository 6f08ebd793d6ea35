import { describe, expect, it } from 'vitest';
import { AllProvidersExhaustedError, ProviderError } from '../src/index.js';
import { ask, twoModelMesh, withClock } from './support/mesh-fixture.js';

describe('a non-streaming answer without a finish reason', () => {
  it('is a provider fault: not presented as success, counted against the model, and failed over', async () => {
    const { client, clock, a, b, events } = twoModelMesh({ retry: { max_attempts_per_model: 1 }, deactivation: { failure_threshold: 1 } });
    a.script('model-a', { ok: 'half an ans', noFinish: true });
    const answer = await withClock(clock, client.chat.completions.create(ask));
    expect(answer.model).toBe('model-b');
    expect(answer.choices[0]?.finish_reason).toBe('stop');
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    const failed = events.find((e) => e.name === 'attempt.failed')?.event as { modelKey: string; error: { name: string; message: string } };
    expect(failed.modelKey).toBe('model-a');
    expect(failed.error.message).toMatch(/without a finish reason/);
    // Counted against the model: with a threshold of one failure, it goes to standby.
    expect(events.find((e) => e.name === 'model.deactivated')?.event).toMatchObject({ modelKey: 'model-a', reason: 'errors' });
  });

  it('when every model answers so, the request fails with the typed error', async () => {
    const { client, clock, a, b } = twoModelMesh({ retry: { max_attempts_per_model: 1 } });
    a.script('model-a', { ok: 'x', noFinish: true });
    b.script('model-b', { ok: 'y', noFinish: true });
    const error = await withClock(clock, client.chat.completions.create(ask)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllProvidersExhaustedError);
    const last = (error as AllProvidersExhaustedError).lastError;
    expect(ProviderError.isInstance(last) && last.code).toBe('malformed_response');
  });
});
