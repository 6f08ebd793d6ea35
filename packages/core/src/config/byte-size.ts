const UNIT_BYTES: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/;

/**
 * Reads a size such as `1mb`, `512kb` or a number of bytes, and returns bytes,
 * or undefined when the text is not a size. Units are binary (1kb = 1024 bytes),
 * matching what body-parser style limits mean.
 */
export function parseByteSize(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const match = SIZE.exec(value.trim().toLowerCase());
  if (match === null) return undefined;
  return Math.floor(Number(match[1]) * (UNIT_BYTES[match[2] ?? 'b'] ?? 1));
}
