import { editDistance } from '@modelmesh/capabilities';

/**
 * The candidate nearest to `input`, or undefined when nothing is close enough
 * to be a plausible typo (the allowance grows with the length of the input).
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    // A match must keep some of the input: "a" is not a typo of "x".
    if (distance <= limit && distance < Math.min(input.length, candidate.length) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "x"?` when a close candidate exists, else an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : `; did you mean "${match}"?`;
}
