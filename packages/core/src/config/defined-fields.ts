/**
 * Copies an object without its undefined fields, so resolved configs compare
 * cleanly with `toEqual` and print without `key: undefined` noise. Only
 * optional fields may be undefined in `T`, so the type is unchanged.
 */
export function definedFields<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = item;
  }
  return out as T;
}
