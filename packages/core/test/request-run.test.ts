import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_POLICY } from '../src/config/pool-policy.js';
import { AllProvidersExhaustedError, BudgetExceededError, ManualClock, ProviderHttpError, RateLimitError } from '../src/index.js';
import { toPoolPolicy } from '../src/router/mesh-model.js';
import { RequestRun } from '../src/router/request-run.js';

function newRun(): RequestRun {
  return new RequestRun({
    id: 'req-1',
    pool: { definition: { name: 'chat', strategy: { name: 'priority', options: {} }, policy: toPoolPolicy(DEFAULT_POOL_POLICY) }, members: [], onDemand: false },
    params: { model: 'chat' },
    options: {},
    needs: { tools: false, vision: false, json: false, stream: false, embeddings: false, promptTokens: 1, maxOutputTokens: undefined },
    sessionId: undefined,
    throughMiddleware: true,
    operation: 'chat',
    clock: new ManualClock(),
  });
}


describe('RequestRun: one request while it is routed', () => {
  it('counts attempts per model and reports a move to another model as a failover from the previous one', () => {
    const run = newRun();
    expect(run.beginAttempt('a')).toBeUndefined();
    expect(run.beginAttempt('a')).toBeUndefined();
    expect(run.beginAttempt('b')).toBe('a');
    expect(run.beginAttempt('a')).toBe('b');
    expect([run.attempts, run.attemptsOn('a'), run.attemptsOn('b'), run.attemptsOn('c')]).toEqual([4, 3, 1, 0]);
    run.signals.dispose();
  });

  it('when every failure was a 429, running out of attempts is the rate limit that frees up first', () => {
    const run = newRun();
    run.beginAttempt('a');
    run.recordFailure(new RateLimitError({ providerId: 'pa', modelId: 'a', retryAfter: 30 }));
    run.beginAttempt('b');
    run.recordFailure(new RateLimitError({ providerId: 'pb', modelId: 'b', retryAfter: 5 }));
    const error = run.exhaustedError();
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ providerId: 'pb', retryAfter: 5, details: { poolName: 'chat', attempts: 2 } });
    run.signals.dispose();
  });

  it('once any failure was not a rate limit, running out of attempts is AllProvidersExhaustedError with the last error', () => {
    const run = newRun();
    run.beginAttempt('a');
    run.recordFailure(new RateLimitError({ providerId: 'pa', modelId: 'a', retryAfter: 5 }));
    run.beginAttempt('b');
    const last = new ProviderHttpError({ providerId: 'pb', modelId: 'b', status: 503 });
    run.recordFailure(last);
    const error = run.exhaustedError();
    expect(error).toBeInstanceOf(AllProvidersExhaustedError);
    expect(error.cause).toBe(last);
    run.signals.dispose();
  });

  it('exclusions and budget refusals are kept with their reasons; only the first selection may move strategy memory', () => {
    const run = newRun();
    run.exclude('a', 'failed: boom');
    const refusal = new BudgetExceededError({ budgetName: 'daily', limitType: 'cost', limitValue: 1, actualValue: 1.2, period: 'day' });
    run.refuseBudget('b', refusal);
    expect([...run.excluded]).toEqual([
      ['a', 'failed: boom'],
      ['b', 'budget "daily" has no room for this request'],
    ]);
    expect(run.budgetRefusal).toBe(refusal);
    expect([run.firstSelection(), run.firstSelection(), run.firstSelection()]).toEqual([true, false, false]);
    run.signals.dispose();
  });
});
