/**
 * Optimal-string-alignment distance between two strings: the number of single-character
 * insertions, deletions, substitutions and adjacent transpositions that turn `a` into `b`.
 * Transpositions count once because swapped letters (`compleiton`) are the most common
 * typo in hand-written names. Case-sensitive; compares UTF-16 code units.
 *
 * Used for "did you mean" suggestions here and in `@modelmesh/core`'s configuration errors.
 *
 * @example
 * ```ts
 * editDistance('chat-compleiton', 'chat-completion'); // 1
 * editDistance('kitten', 'sitting'); // 3
 * ```
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;

  // Three rolling rows: the transposition step looks two rows back.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
