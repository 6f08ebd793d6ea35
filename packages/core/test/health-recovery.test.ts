import { describe, expect, it } from 'vitest';
import { ModelHealthTracker, type FailureRecord, type HealthPolicy, type HealthTransition } from '../src/health/index.js';
import { ManualClock } from '../src/runtime/manual-clock.js';

const GPT = 'openai.gpt-4o';
const MINI = 'openai.gpt-4o-mini';

const policy: HealthPolicy = {
  failureThreshold: 3,
  errorRateWindow: 60_000,
  errorRateMinRequests: 10,
  onRateLimit: true,
  onAuthFailure: true,
  errorCodes: [503],
  cooldown: 1_000,
  maxCooldown: 8_000,
  backoffMultiplier: 2,
  jitter: 0,
  halfOpen: true,
};

function setup(trialTimeoutMs?: number) {
  const clock = new ManualClock();
  const transitions: HealthTransition[] = [];
  const options = { clock, random: () => 0.5, onTransition: (t: HealthTransition) => transitions.push(t) };
  const health = new ModelHealthTracker(trialTimeoutMs === undefined ? options : { ...options, trialTimeoutMs });
  health.register(GPT, 'openai');
  health.register(MINI, 'openai');
  const ticket = (key = GPT) => {
    const t = health.beginAttempt(key);
    if (!t) throw new Error(`${key} did not admit an attempt`);
    return t;
  };
  const failure = (extra: Partial<FailureRecord> = {}): FailureRecord => ({ kind: 'transient', providerId: 'openai', ...extra });
  /** Puts GPT in standby with one failure (503 is in errorCodes). */
  const trip = (p: HealthPolicy = policy) => health.recordFailure(ticket(), failure({ status: 503 }), p);
  /** Waits out the standby, then runs the trial and records its outcome. */
  const trial = async (ok: boolean, p: HealthPolicy = policy) => {
    const until = health.earliestRecovery([GPT]);
    if (until === undefined) throw new Error('not in standby');
    await clock.advance(until - clock.now());
    const t = ticket();
    expect(t.trial).toBe(true);
    if (ok) health.recordSuccess(t, p);
    else return health.recordFailure(t, failure(), p);
    return undefined;
  };
  return { clock, t0: clock.now(), health, transitions, ticket, failure, trip, trial };
}

describe('cooldown expiry', () => {
  it('moves a standby to half-open exactly when the cooldown ends, stamped with that time', async () => {
    const { clock, health, trip, transitions, t0 } = setup();
    trip();
    await clock.advance(999);
    expect(health.state(GPT)).toMatchObject({ state: 'standby' });
    await clock.advance(5_000);
    expect(health.state(GPT)).toEqual({ state: 'half-open', reason: 'errors', trialInFlight: false });
    expect(health.availability(GPT)).toBe('half-open');
    expect(transitions[1]).toEqual({
      modelKey: GPT,
      providerId: 'openai',
      from: 'standby',
      to: 'half-open',
      reason: 'errors',
      detail: 'cooldown over; the next request is a trial',
      at: t0 + 1_000,
    });
    health.state(GPT);
    expect(transitions).toHaveLength(2);
  });

  it('returns straight to active when the policy has no half-open step', async () => {
    const { clock, health, trip, transitions, ticket } = setup();
    const direct = { ...policy, halfOpen: false };
    trip(direct);
    await clock.advance(1_000);
    expect(health.availability(GPT)).toBe('active');
    expect(transitions.map((t) => `${t.from}->${t.to}`)).toEqual(['active->standby', 'standby->active']);
    expect(ticket().trial).toBe(false);
  });

  it('keeps the backoff level across a recovery without a success', async () => {
    const { clock, health, trip, t0 } = setup();
    const direct = { ...policy, halfOpen: false };
    trip(direct);
    await clock.advance(1_000);
    expect(trip(direct).health).toMatchObject({ until: t0 + 1_000 + 2_000 });
    expect(health.snapshot([GPT])[0]?.backoffLevel).toBe(2);
  });
});

describe('half-open trial slot', () => {
  it('admits exactly one trial among concurrent attempts', async () => {
    const { clock, health, trip } = setup();
    trip();
    await clock.advance(1_000);
    const tickets = Array.from({ length: 5 }, () => health.beginAttempt(GPT));
    expect(tickets.filter((t) => t !== undefined)).toHaveLength(1);
    expect(tickets[0]?.trial).toBe(true);
    expect(health.availability(GPT)).toBe('unavailable');
    expect(health.state(GPT)).toEqual({ state: 'half-open', reason: 'errors', trialInFlight: true });
  });

  it('frees the slot when the trial fails through the request’s own fault', async () => {
    const { clock, health, trip, ticket, failure } = setup();
    trip();
    await clock.advance(1_000);
    const outcome = health.recordFailure(ticket(), failure({ kind: 'request', status: 400 }), policy);
    expect(outcome).toMatchObject({ deactivated: false, health: { state: 'half-open', trialInFlight: false } });
    expect(health.beginAttempt(GPT)?.trial).toBe(true);
  });

  it('frees the slot when the trial is abandoned', async () => {
    const { clock, health, trip, ticket } = setup();
    trip();
    await clock.advance(1_000);
    health.abandonAttempt(ticket());
    expect(health.availability(GPT)).toBe('half-open');
  });

  it('frees the slot of a trial that never reports, and ignores its late outcome', async () => {
    const { clock, health, trip, ticket } = setup(30_000);
    trip();
    await clock.advance(1_000);
    const lost = ticket();
    await clock.advance(29_999);
    expect(health.availability(GPT)).toBe('unavailable');
    await clock.advance(1);
    expect(health.availability(GPT)).toBe('half-open');
    health.recordSuccess(lost, policy);
    expect(health.state(GPT)).toMatchObject({ state: 'half-open' });
  });
});

describe('trial outcome', () => {
  it('makes the model active on success, with a recovered transition', async () => {
    const { health, trip, trial, transitions, t0 } = setup();
    trip();
    await trial(true);
    expect(health.state(GPT)).toEqual({ state: 'active' });
    expect(transitions.at(-1)).toEqual({
      modelKey: GPT,
      providerId: 'openai',
      from: 'half-open',
      to: 'active',
      reason: 'errors',
      detail: 'trial request succeeded',
      at: t0 + 1_000,
    });
  });

  it('sends the model back to standby on failure, doubling the cooldown up to maxCooldown', async () => {
    const { health, trip, trial, clock } = setup();
    trip();
    const cooldowns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const outcome = await trial(false);
      expect(outcome?.deactivated).toBe(true);
      const state = health.state(GPT);
      if (state.state !== 'standby') throw new Error('expected standby');
      expect(state.reason).toBe('errors');
      cooldowns.push(state.until - clock.now());
    }
    expect(cooldowns).toEqual([2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('resets the backoff after a success', async () => {
    const { health, trip, trial, clock } = setup();
    trip();
    await trial(false);
    await trial(true);
    expect(health.snapshot([GPT])[0]?.backoffLevel).toBe(0);
    expect(trip().health).toMatchObject({ state: 'standby', until: clock.now() + 1_000 });
  });

  it('resets the backoff after a success on an active model too', async () => {
    const { health, trip, ticket, clock } = setup();
    const direct = { ...policy, halfOpen: false };
    trip(direct);
    await clock.advance(1_000);
    health.recordSuccess(ticket(), direct);
    expect(trip(direct).health).toMatchObject({ until: clock.now() + 1_000 });
  });

  it('forgets failures from before the standby', async () => {
    const { health, trial, ticket, failure } = setup();
    const slow = { ...policy, errorCodes: [] };
    for (let i = 0; i < 3; i++) health.recordFailure(ticket(), failure(), slow);
    await trial(true, slow);
    expect(health.recordFailure(ticket(), failure(), slow).deactivated).toBe(false);
  });

  it('forgets the error rate from before the standby', async () => {
    const { health, trial, ticket, failure } = setup();
    const byRate = { ...policy, errorCodes: [], failureThreshold: 100, errorRateThreshold: 0.5, errorRateMinRequests: 10 };
    let outcome;
    for (let i = 0; i < 10; i++) outcome = health.recordFailure(ticket(), failure(), byRate);
    expect(outcome?.health).toMatchObject({ state: 'standby', reason: 'error-rate' });
    await trial(true, byRate);
    expect(health.recordFailure(ticket(), failure(), byRate).deactivated).toBe(false);
    expect(health.snapshot([GPT])[0]?.errorRate).toMatchObject({ requests: 2, failures: 1 });
  });

  it('ignores a late failure of a request that started before a standby that is already over', async () => {
    const { clock, health, trip, ticket, failure } = setup();
    const direct = { ...policy, halfOpen: false };
    const late = ticket();
    trip(direct);
    await clock.advance(1_000);
    expect(health.recordFailure(late, failure({ status: 503 }), direct).deactivated).toBe(false);
    expect(health.state(GPT)).toEqual({ state: 'active' });
  });

  it('ignores a late success of a request that started before the standby', () => {
    const { health, trip, ticket } = setup();
    const late = ticket();
    trip();
    health.recordSuccess(late, policy);
    expect(health.state(GPT)).toMatchObject({ state: 'standby' });
  });
});

describe('auth recovery', () => {
  it('brings the whole provider back when one trial proves the credentials work', async () => {
    const { clock, health, ticket, failure, transitions } = setup();
    health.recordFailure(ticket(), failure({ kind: 'auth', status: 401 }), policy);
    await clock.advance(8_000);
    expect(health.availability(MINI)).toBe('half-open');
    health.recordSuccess(ticket(GPT), policy);
    expect(health.state(MINI)).toEqual({ state: 'active' });
    expect(transitions.slice(-2).map((t) => [t.modelKey, t.from, t.to, t.reason])).toEqual([
      [GPT, 'half-open', 'active', 'auth'],
      [MINI, 'half-open', 'active', 'auth'],
    ]);
  });

  it('sends the provider back for maxCooldown when the trial fails with auth again', async () => {
    const { clock, health, ticket, failure } = setup();
    health.recordFailure(ticket(), failure({ kind: 'auth' }), policy);
    await clock.advance(8_000);
    const outcome = health.recordFailure(ticket(GPT), failure({ kind: 'auth' }), policy);
    expect(outcome).toMatchObject({ deactivated: true, alsoDeactivated: [MINI], health: { reason: 'auth', until: clock.now() + 8_000 } });
  });
});
