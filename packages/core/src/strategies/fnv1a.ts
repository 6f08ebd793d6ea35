/** FNV-1a 32-bit offset basis. */
const OFFSET_BASIS = 0x811c9dc5;
/** FNV-1a 32-bit prime. */
const PRIME = 0x01000193;

const encoder = new TextEncoder();

/**
 * FNV-1a 32-bit hash of a string's UTF-8 bytes, as an unsigned integer.
 *
 * Used by `session-sticky` to map a session id to a model stably across processes and
 * restarts. Hashing UTF-8 (rather than UTF-16 code units) keeps it equal to the standard FNV-1a,
 * so another implementation (a Python port, a Lua script in Redis) maps sessions identically.
 * Not cryptographic: it spreads ids evenly enough but anyone can craft collisions.
 *
 * @example fnv1a32('a') === 0xe40c292c
 */
export function fnv1a32(text: string): number {
  let hash = OFFSET_BASIS;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, PRIME) >>> 0;
  }
  return hash >>> 0;
}
