import { describe, expect, it } from 'vitest';
import { ModelHealthTracker, type FailureRecord, type HealthPolicy, type HealthTransition } from '../src/health/index.js';
import { ManualClock } from '../src/runtime/manual-clock.js';

const GPT = 'openai.gpt-4o';
const MINI = 'openai.gpt-4o-mini';
const CLAUDE = 'anthropic.claude';
const PROVIDER: Record<string, string> = { [GPT]: 'openai', [MINI]: 'openai', [CLAUDE]: 'anthropic' };

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
  for (const [key, provider] of Object.entries(PROVIDER)) health.register(key, provider);
  const ticket = (key: string) => {
    const t = health.beginAttempt(key);
    if (!t) throw new Error(`${key} did not admit an attempt`);
    return t;
  };
  const fail = (key: string, failure: Partial<FailureRecord> = {}, p: HealthPolicy = policy) =>
    health.recordFailure(ticket(key), { kind: 'transient', providerId: PROVIDER[key] ?? '?', ...failure }, p);
  const succeed = (key: string, p: HealthPolicy = policy) => health.recordSuccess(ticket(key), p);
  return { clock, t0: clock.now(), health, transitions, fail, succeed };
}

describe('consecutive failures', () => {
  it('keeps the model active for two failures and puts it in standby on the third', () => {
    const { health, fail, t0, transitions } = setup();
    expect(fail(GPT).deactivated).toBe(false);
    expect(fail(GPT).health).toEqual({ state: 'active' });
    expect(health.availability(GPT)).toBe('active');
    const third = fail(GPT, { detail: 'HTTP 503' });
    expect(third.deactivated).toBe(true);
    expect(third.health).toMatchObject({ state: 'standby', reason: 'errors', since: t0, until: t0 + 1_000 });
    expect(health.availability(GPT)).toBe('unavailable');
    expect(health.beginAttempt(GPT)).toBeUndefined();
    expect(transitions).toEqual([
      { modelKey: GPT, providerId: 'openai', from: 'active', to: 'standby', reason: 'errors', until: t0 + 1_000, detail: '3 consecutive failures: HTTP 503', at: t0 },
    ]);
  });

  it('starts counting again after a success', () => {
    const { health, fail, succeed } = setup();
    fail(GPT);
    fail(GPT);
    succeed(GPT);
    fail(GPT);
    expect(fail(GPT).deactivated).toBe(false);
    expect(health.snapshot([GPT])[0]?.consecutiveFailures).toBe(2);
    expect(fail(GPT).deactivated).toBe(true);
  });

  it('counts per model: failures of one model leave the others active', () => {
    const { health, fail } = setup();
    for (let i = 0; i < 3; i++) fail(GPT);
    expect(health.availability(GPT)).toBe('unavailable');
    expect(health.availability(MINI)).toBe('active');
  });
});

describe('rate limits', () => {
  it('puts the model in standby at once for Retry-After, without growing the backoff', () => {
    const { health, fail, t0 } = setup();
    const outcome = fail(GPT, { kind: 'rate-limited', status: 429, retryAfterMs: 5_000 });
    expect(outcome).toMatchObject({ deactivated: true, health: { state: 'standby', reason: 'rate-limited', until: t0 + 5_000 } });
    expect(health.snapshot([GPT])[0]).toMatchObject({ backoffLevel: 0, consecutiveFailures: 0 });
  });

  it('uses the backoff cooldown when there is no Retry-After (or it is garbled)', () => {
    const { health, fail, t0 } = setup();
    expect(fail(GPT, { kind: 'rate-limited', status: 429 }).health).toMatchObject({ reason: 'rate-limited', until: t0 + 1_000 });
    expect(health.snapshot([GPT])[0]?.backoffLevel).toBe(1);
    expect(fail(MINI, { kind: 'rate-limited', retryAfterMs: Number.NaN }).health).toMatchObject({ until: t0 + 1_000 });
  });

  it('counts a 429 as a transient failure when the policy does not react to rate limits', () => {
    const { fail } = setup();
    const lenient = { ...policy, onRateLimit: false };
    expect(fail(GPT, { kind: 'rate-limited', retryAfterMs: 5_000 }, lenient).deactivated).toBe(false);
    fail(GPT, { kind: 'rate-limited' }, lenient);
    expect(fail(GPT, { kind: 'rate-limited' }, lenient).health).toMatchObject({ state: 'standby', reason: 'errors' });
  });
});

describe('errorCodes', () => {
  it('puts the model in standby at once for a listed status, and only counts the others', () => {
    const { fail, t0 } = setup();
    const strict = { ...policy, errorCodes: [503] };
    expect(fail(GPT, { status: 500 }, strict).deactivated).toBe(false);
    expect(fail(GPT, { status: 503 }, strict).health).toMatchObject({ state: 'standby', reason: 'errors', until: t0 + 1_000 });
  });
});

describe('error rate', () => {
  const byRate = { ...policy, failureThreshold: 100, errorRateThreshold: 0.5, errorRateMinRequests: 10 };

  it('never trips below the minimum number of requests', () => {
    const { health, fail } = setup();
    for (let i = 0; i < 9; i++) expect(fail(GPT, {}, byRate).deactivated).toBe(false);
    expect(health.snapshot([GPT])[0]?.errorRate).toEqual({ windowMs: 60_000, requests: 9, failures: 9, ratio: 1 });
  });

  it('trips when the window holds enough requests and the ratio reaches the threshold', () => {
    const { fail, succeed } = setup();
    for (let i = 0; i < 4; i++) {
      succeed(GPT, byRate);
      expect(fail(GPT, {}, byRate).deactivated).toBe(false);
    }
    succeed(GPT, byRate);
    succeed(GPT, byRate);
    // 6 successes and 4 failures so far: a 5th failure makes 5/11 (45%), a 6th makes 6/12 (50%).
    expect(fail(GPT, {}, byRate).deactivated).toBe(false);
    expect(fail(GPT, {}, byRate).health).toMatchObject({ state: 'standby', reason: 'error-rate' });
  });

  it('keeps outcomes inside the window', async () => {
    const { clock, fail, succeed } = setup();
    for (let i = 0; i < 6; i++) fail(GPT, {}, byRate);
    await clock.advance(59_999);
    for (let i = 0; i < 3; i++) succeed(GPT, byRate);
    expect(fail(GPT, {}, byRate).health).toMatchObject({ state: 'standby', reason: 'error-rate' });
  });

  it('slides old outcomes out of the window', async () => {
    const { clock, health, fail, succeed } = setup();
    for (let i = 0; i < 6; i++) fail(GPT, {}, byRate);
    await clock.advance(60_000);
    for (let i = 0; i < 3; i++) succeed(GPT, byRate);
    expect(fail(GPT, {}, byRate).deactivated).toBe(false);
    expect(health.snapshot([GPT])[0]?.errorRate).toEqual({ windowMs: 60_000, requests: 4, failures: 1, ratio: 0.25 });
  });

  it('is off when no threshold is set', () => {
    const { fail } = setup();
    const off = { ...policy, failureThreshold: 100 };
    for (let i = 0; i < 20; i++) expect(fail(GPT, {}, off).deactivated).toBe(false);
  });
});

describe('auth failures', () => {
  it('put every model of the provider in standby for maxCooldown, and no other provider', () => {
    const { health, fail, t0, transitions } = setup();
    const outcome = fail(GPT, { kind: 'auth', status: 401 });
    expect(outcome).toMatchObject({ deactivated: true, alsoDeactivated: [MINI], health: { state: 'standby', reason: 'auth', until: t0 + 8_000 } });
    expect(health.state(MINI)).toMatchObject({ state: 'standby', reason: 'auth', until: t0 + 8_000 });
    expect(health.state(CLAUDE)).toEqual({ state: 'active' });
    expect(transitions.map((t) => [t.modelKey, t.to, t.reason])).toEqual([
      [GPT, 'standby', 'auth'],
      [MINI, 'standby', 'auth'],
    ]);
  });

  it('leave a sibling that is already out for longer alone', () => {
    const { health, fail, t0 } = setup();
    fail(MINI, { kind: 'rate-limited', retryAfterMs: 60_000 });
    expect(fail(GPT, { kind: 'auth' }).alsoDeactivated).toEqual([]);
    expect(health.state(MINI)).toMatchObject({ reason: 'rate-limited', until: t0 + 60_000 });
  });

  it('count as transient when the policy does not react to auth failures', () => {
    const { health, fail } = setup();
    expect(fail(GPT, { kind: 'auth' }, { ...policy, onAuthFailure: false }).deactivated).toBe(false);
    expect(health.availability(MINI)).toBe('active');
  });
});

describe('request failures', () => {
  it('never deactivate or count, whatever their status', () => {
    const { health, fail } = setup();
    const strict = { ...policy, errorCodes: [400], errorRateThreshold: 0.1, errorRateMinRequests: 1 };
    for (let i = 0; i < 10; i++) expect(fail(GPT, { kind: 'request', status: 400 }, strict).deactivated).toBe(false);
    expect(health.snapshot([GPT])[0]).toMatchObject({ state: 'active', consecutiveFailures: 0, errorRate: { requests: 0 } });
  });
});

describe('stale tickets', () => {
  it('do not extend a standby with failures of requests that started before it', () => {
    const { health, fail, t0 } = setup();
    const late = health.beginAttempt(GPT);
    for (let i = 0; i < 3; i++) fail(GPT);
    const outcome = health.recordFailure(late!, { kind: 'rate-limited', providerId: 'openai', retryAfterMs: 60_000 }, policy);
    expect(outcome).toMatchObject({ deactivated: false, health: { state: 'standby', until: t0 + 1_000 } });
    expect(health.snapshot([GPT])[0]?.standbyCount).toBe(1);
  });
});
