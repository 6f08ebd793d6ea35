import type { Output } from '../../src/index.js';

/** An Output that records lines (no colour, as when piped). */
export function capture(colour = false): Output & { lines: string[]; errors: string[]; text(): string } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { colour, lines, errors, line: (t = '') => lines.push(t), error: (t) => errors.push(t), text: () => lines.join('\n') };
}
