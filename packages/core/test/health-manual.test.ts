import { describe, expect, it } from 'vitest';
import { ModelHealthTracker, type HealthPolicy, type HealthTransition } from '../src/health/index.js';
import { ManualClock } from '../src/runtime/manual-clock.js';

const policy: HealthPolicy = {
  failureThreshold: 3,
  errorRateWindow: 60_000,
  errorRateMinRequests: 10,
  onRateLimit: true,
  onAuthFailure: true,
  errorCodes: [],
  cooldown: 1_000,
  maxCooldown: 8_000,
  backoffMultiplier: 2,
  jitter: 0,
  halfOpen: true,
};

function setup() {
  const clock = new ManualClock();
  const transitions: HealthTransition[] = [];
  const health = new ModelHealthTracker({ clock, random: () => 0.5, onTransition: (t) => transitions.push(t) });
  for (const key of ['a', 'b', 'c']) health.register(key, 'p');
  const fail = (key: string) => health.recordFailure(health.beginAttempt(key)!, { kind: 'transient', providerId: 'p', detail: 'HTTP 500' }, policy);
  return { clock, t0: clock.now(), health, transitions, fail };
}

describe('manual deactivation', () => {
  it('keeps an open-ended manual standby until reactivate', async () => {
    const { clock, health, transitions, t0 } = setup();
    health.deactivate('a', 'manual', Infinity, 'maintenance');
    await clock.advance(365 * 24 * 3_600_000);
    expect(health.state('a')).toEqual({ state: 'standby', reason: 'manual', since: t0, until: Infinity, detail: 'maintenance' });
    health.reactivate('a');
    expect(health.availability('a')).toBe('active');
    expect(transitions).toEqual([
      { modelKey: 'a', providerId: 'p', from: 'active', to: 'standby', reason: 'manual', until: Infinity, detail: 'maintenance', at: t0 },
      { modelKey: 'a', providerId: 'p', from: 'standby', to: 'active', reason: 'manual', detail: 'reactivated manually', at: clock.now() },
    ]);
  });

  it('returns a quota standby straight to active when its window resets, without a trial', async () => {
    const { clock, health, t0 } = setup();
    health.deactivate('a', 'quota-exhausted', t0 + 60_000);
    await clock.advance(60_000);
    expect(health.state('a')).toEqual({ state: 'active' });
  });

  it('reactivate forgets consecutive failures and backoff', () => {
    const { health, fail } = setup();
    fail('a');
    fail('a');
    health.reactivate('a');
    fail('a');
    expect(fail('a').deactivated).toBe(false);
    expect(health.snapshot(['a'])[0]?.consecutiveFailures).toBe(2);
  });

  it('reactivate cancels a running trial: its late outcome is ignored', async () => {
    const { clock, health, fail } = setup();
    for (let i = 0; i < 3; i++) fail('a');
    await clock.advance(1_000);
    const trial = health.beginAttempt('a')!;
    health.reactivate('a');
    health.recordFailure(trial, { kind: 'transient', providerId: 'p' }, policy);
    expect(health.state('a')).toEqual({ state: 'active' });
  });

  it('rejects a NaN end and unknown models', () => {
    const { health } = setup();
    expect(() => health.deactivate('a', 'manual', Number.NaN)).toThrow(RangeError);
    expect(() => health.state('nope')).toThrow(/unknown model "nope"/);
    expect(() => health.beginAttempt('nope')).toThrow(/register it first/);
  });
});

describe('earliestRecovery', () => {
  it('gives the earliest finite end of standby among the given models', async () => {
    const { clock, health, t0 } = setup();
    expect(health.earliestRecovery(['a', 'b', 'c'])).toBeUndefined();
    health.deactivate('a', 'budget', t0 + 5_000);
    health.deactivate('b', 'rate-limited', t0 + 2_000);
    health.deactivate('c', 'manual', Infinity);
    expect(health.earliestRecovery(['a', 'b', 'c'])).toBe(t0 + 2_000);
    expect(health.earliestRecovery(['a', 'c'])).toBe(t0 + 5_000);
    expect(health.earliestRecovery(['c'])).toBeUndefined();
    await clock.advance(2_000);
    expect(health.earliestRecovery(['a', 'b', 'c'])).toBe(t0 + 5_000);
  });
});

describe('snapshot', () => {
  it('reports state, reason, times, counters and the error rate of each model', async () => {
    const { clock, health, fail, t0 } = setup();
    health.recordSuccess(health.beginAttempt('b')!, policy);
    fail('b');
    for (let i = 0; i < 3; i++) fail('a');
    await clock.advance(500);
    expect(health.snapshot()).toEqual([
      {
        modelKey: 'a',
        providerId: 'p',
        state: 'standby',
        reason: 'errors',
        since: t0,
        until: t0 + 1_000,
        detail: '3 consecutive failures: HTTP 500',
        trialInFlight: false,
        consecutiveFailures: 3,
        backoffLevel: 1,
        standbyCount: 1,
        errorRate: { windowMs: 60_000, requests: 3, failures: 3, ratio: 1 },
      },
      {
        modelKey: 'b',
        providerId: 'p',
        state: 'active',
        trialInFlight: false,
        consecutiveFailures: 1,
        backoffLevel: 0,
        standbyCount: 0,
        errorRate: { windowMs: 60_000, requests: 2, failures: 1, ratio: 0.5 },
      },
      {
        modelKey: 'c',
        providerId: 'p',
        state: 'active',
        trialInFlight: false,
        consecutiveFailures: 0,
        backoffLevel: 0,
        standbyCount: 0,
        errorRate: { windowMs: 0, requests: 0, failures: 0, ratio: 0 },
      },
    ]);
    await clock.advance(500);
    health.beginAttempt('a');
    expect(health.snapshot(['a'])).toMatchObject([{ state: 'half-open', reason: 'errors', trialInFlight: true }]);
  });
});

describe('transitions', () => {
  it('report every step of a failure and recovery cycle in order', async () => {
    const { clock, health, fail, transitions, t0 } = setup();
    for (let i = 0; i < 3; i++) fail('a');
    await clock.advance(1_500);
    const trial = health.beginAttempt('a')!;
    health.recordFailure(trial, { kind: 'transient', providerId: 'p' }, policy);
    await clock.advance(2_000);
    health.recordSuccess(health.beginAttempt('a')!, policy);
    expect(transitions.map(({ from, to, reason, until, at }) => ({ from, to, reason, until, at }))).toEqual([
      { from: 'active', to: 'standby', reason: 'errors', until: t0 + 1_000, at: t0 },
      { from: 'standby', to: 'half-open', reason: 'errors', until: undefined, at: t0 + 1_000 },
      { from: 'half-open', to: 'standby', reason: 'errors', until: t0 + 1_500 + 2_000, at: t0 + 1_500 },
      { from: 'standby', to: 'half-open', reason: 'errors', until: undefined, at: t0 + 3_500 },
      { from: 'half-open', to: 'active', reason: 'errors', until: undefined, at: t0 + 3_500 },
    ]);
  });
});
