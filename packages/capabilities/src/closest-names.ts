import { editDistance } from './edit-distance.js';

/** How many suggestions an unknown-name error carries at most. */
const MAX_SUGGESTIONS = 3;

/** Shorter prefixes (`a`, `te`) would match half the taxonomy and help nobody. */
const MIN_PREFIX_LENGTH = 3;

/**
 * The largest distance still worth suggesting. It grows with the input so a
 * longer name may carry more typos, but is capped because many names share
 * long suffixes (`-generation`, `-embeddings`) and a loose limit would
 * suggest siblings that merely look alike.
 */
function maxDistanceFor(input: string): number {
  return Math.min(3, Math.max(1, Math.floor(input.length / 4)));
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Up to three candidates for a mistyped `input`: first those within a small
 * edit distance (nearest first, ties alphabetical), then, to fill remaining
 * slots, candidates that `input` abbreviates (`tool-call` → `tool-calling`),
 * shortest first.
 */
export function closestNames(input: string, candidates: Iterable<string>): string[] {
  if (input.length === 0) return [];
  const limit = maxDistanceFor(input);
  const near: { name: string; distance: number }[] = [];
  const extending: string[] = [];
  for (const name of new Set(candidates)) {
    const distance = editDistance(input, name);
    if (distance <= limit) near.push({ name, distance });
    else if (input.length >= MIN_PREFIX_LENGTH && name.startsWith(input)) extending.push(name);
  }
  near.sort((x, y) => x.distance - y.distance || byCodeUnit(x.name, y.name));
  extending.sort((x, y) => x.length - y.length || byCodeUnit(x, y));
  return [...near.map((entry) => entry.name), ...extending].slice(0, MAX_SUGGESTIONS);
}
