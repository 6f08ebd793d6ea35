import type { RandomSource } from '../runtime/clock.js';
import type { HealthPolicy } from './health-types.js';

/** The parts of a policy that shape a cooldown. */
export type CooldownPolicy = Pick<HealthPolicy, 'cooldown' | 'maxCooldown' | 'backoffMultiplier' | 'jitter'>;

/**
 * Cooldown before jitter of the `level`-th standby in a row (1-based, no success between):
 * `min(maxCooldown, cooldown × backoffMultiplier^(level − 1))`.
 */
export function backoffCooldown(policy: CooldownPolicy, level: number): number {
  if (!(policy.cooldown > 0)) return 0;
  const grown = policy.cooldown * policy.backoffMultiplier ** Math.max(0, level - 1);
  // A long run of standbys overflows to Infinity (or NaN with odd multipliers): that is the ceiling.
  return Number.isFinite(grown) ? Math.min(policy.maxCooldown, grown) : policy.maxCooldown;
}

/**
 * Spreads `ms` by ±`jitter` so that models (and processes) that failed together do not all
 * retry together: `ms × (1 + jitter × (2r − 1))` with `r = random()` in [0, 1), then clamped
 * to [0, maxCooldown] and rounded to whole ms. `maxCooldown` stays a hard ceiling, so at the
 * ceiling the spread is downward only. `random` is not called when jitter is 0.
 */
export function applyJitter(ms: number, policy: CooldownPolicy, random: RandomSource): number {
  const spread = clamp(policy.jitter, 0, 1);
  const factor = spread === 0 ? 1 : 1 + spread * (2 * clamp(random(), 0, 1) - 1);
  return Math.round(clamp(ms * factor, 0, Math.max(0, policy.maxCooldown)));
}

/** The jittered cooldown of the `level`-th standby in a row. */
export function standbyCooldown(policy: CooldownPolicy, level: number, random: RandomSource): number {
  return applyJitter(backoffCooldown(policy, level), policy, random);
}

/** Clamps to [min, max]; NaN becomes `min`. */
function clamp(value: number, min: number, max: number): number {
  return value >= min ? Math.min(value, max) : min;
}
