import { describe, expect, it } from 'vitest';
import {
  ModelHealthTracker,
  applyJitter,
  backoffCooldown,
  standbyCooldown,
  type CooldownPolicy,
  type HealthPolicy,
} from '../src/health/index.js';
import { OutcomeWindow } from '../src/health/outcome-window.js';
import { ManualClock } from '../src/runtime/manual-clock.js';

const base: CooldownPolicy = { cooldown: 1_000, maxCooldown: 30_000, backoffMultiplier: 2, jitter: 0.2 };

describe('backoffCooldown', () => {
  it('grows by the multiplier per consecutive standby and stops at maxCooldown', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((level) => backoffCooldown(base, level))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('survives overflow and zero cooldowns', () => {
    expect(backoffCooldown({ ...base, backoffMultiplier: 10 }, 5_000)).toBe(30_000);
    expect(backoffCooldown({ ...base, cooldown: 0 }, 5_000)).toBe(0);
  });
});

describe('jitter', () => {
  it('spans cooldown × (1 ± jitter) with scripted randomness', () => {
    expect(applyJitter(1_000, base, () => 0)).toBe(800);
    expect(applyJitter(1_000, base, () => 0.5)).toBe(1_000);
    expect(applyJitter(1_000, base, () => 0.999)).toBe(1_200);
  });

  it('never goes above maxCooldown, even at the ceiling', () => {
    expect(standbyCooldown(base, 10, () => 0.999)).toBe(30_000);
    expect(standbyCooldown(base, 10, () => 0)).toBe(24_000);
  });

  it('does not draw randomness when jitter is 0, and clamps a broken random source', () => {
    let draws = 0;
    expect(applyJitter(1_000, { ...base, jitter: 0 }, () => ++draws)).toBe(1_000);
    expect(draws).toBe(0);
    expect(applyJitter(1_000, base, () => 7)).toBe(1_200);
    expect(applyJitter(1_000, base, () => Number.NaN)).toBe(800);
  });

  it('applies to the standbys the tracker decides', () => {
    const policy: HealthPolicy = {
      failureThreshold: 1,
      errorRateWindow: 60_000,
      errorRateMinRequests: 10,
      onRateLimit: true,
      onAuthFailure: true,
      errorCodes: [],
      ...base,
      halfOpen: true,
    };
    const randoms = [0, 0.999];
    const clock = new ManualClock();
    const health = new ModelHealthTracker({ clock, random: () => randoms.shift() ?? 0.5 });
    health.register('a', 'p');
    health.register('b', 'p');
    for (const key of ['a', 'b']) health.recordFailure(health.beginAttempt(key)!, { kind: 'transient', providerId: 'p' }, policy);
    expect(health.snapshot().map((s) => (s.until ?? 0) - clock.now())).toEqual([800, 1_200]);
  });

  it('is not applied to an exact Retry-After', () => {
    const clock = new ManualClock();
    const health = new ModelHealthTracker({ clock, random: () => 0 });
    health.register('a', 'p');
    const policy = { failureThreshold: 3, errorRateWindow: 1, errorRateMinRequests: 1, onRateLimit: true, onAuthFailure: true, errorCodes: [], ...base, halfOpen: true };
    const outcome = health.recordFailure(health.beginAttempt('a')!, { kind: 'rate-limited', providerId: 'p', retryAfterMs: 5_000 }, policy);
    expect(outcome.health).toMatchObject({ until: clock.now() + 5_000 });
  });
});

describe('OutcomeWindow', () => {
  it('keeps at most its capacity, newest first', () => {
    const window = new OutcomeWindow(4);
    for (let i = 0; i < 500; i++) window.add(i, i % 2 === 0, 1_000_000);
    window.add(500, true, 1_000_000);
    expect(window.stats(500)).toEqual({ windowMs: 1_000_000, requests: 4, failures: 2, ratio: 0.5 });
  });

  it('drops an outcome exactly when it is windowMs old', () => {
    const window = new OutcomeWindow(100);
    window.add(0, true, 1_000);
    expect(window.stats(999).requests).toBe(1);
    expect(window.stats(1_000)).toEqual({ windowMs: 1_000, requests: 0, failures: 0, ratio: 0 });
  });
});
