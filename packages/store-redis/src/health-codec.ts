import type { SharedHealth } from '@modelmesh/core';

const REASONS = new Set(['errors', 'error-rate', 'rate-limited', 'quota-exhausted', 'budget', 'auth', 'manual']);

/** JSON text of a health change (`until: Infinity` travels as null). */
export function encodeHealth(health: SharedHealth): string {
  return JSON.stringify({ ...health, until: health.until === undefined ? undefined : Number.isFinite(health.until) ? health.until : null });
}

/** Parses a published health change; undefined for anything malformed (another version, a stray publisher). */
export function decodeHealth(text: string): SharedHealth | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = raw as Record<string, unknown>;
  const { modelKey, state, reason, until, detail, at, origin } = value;
  if (typeof modelKey !== 'string' || (state !== 'standby' && state !== 'active') || typeof reason !== 'string' || !REASONS.has(reason)) return undefined;
  if (typeof at !== 'number' || typeof origin !== 'string') return undefined;
  const health: SharedHealth = {
    modelKey,
    state,
    reason: reason as SharedHealth['reason'],
    at,
    origin,
    ...(state === 'standby' ? { until: typeof until === 'number' ? until : Infinity } : {}),
    ...(typeof detail === 'string' ? { detail } : {}),
  };
  return health;
}
