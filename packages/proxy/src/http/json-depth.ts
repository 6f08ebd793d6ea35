/**
 * Deepest nesting of arrays and objects a request body may have. Real chat requests nest
 * about 10 levels (tool schemas a few more); a body nested thousands deep exists only to
 * overflow a serialiser's stack downstream. Fixed rather than configurable: the `proxy.limits`
 * config schema has no key for it.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `value` nests arrays and objects more than `limit` levels deep (the body itself is
 * level 1). Visits each container once and stops at the first one past the limit, so the
 * recursion never goes deeper than `limit`.
 */
export function exceedsJsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (exceedsJsonDepth(item, limit - 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (exceedsJsonDepth(record[key], limit - 1)) return true;
  return false;
}
