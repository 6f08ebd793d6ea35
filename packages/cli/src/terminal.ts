/** Where a command writes, and whether it may use colour. */
export interface Output {
  /** Writes one line. */
  line(text?: string): void;
  /** Writes one line to the error stream. */
  error(text: string): void;
  /** True for an interactive terminal that accepts colour (not piped, NO_COLOR unset). */
  readonly colour: boolean;
}

/** The process's stdout/stderr; colour only in a terminal and only without NO_COLOR. */
export function processOutput(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): Output {
  // `modelmesh capabilities tree | head` closes the pipe early: that is the reader's choice, not an error.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const colour = stream.isTTY === true && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
  return {
    colour,
    line: (text = '') => void stream.write(`${text}\n`),
    error: (text) => void process.stderr.write(`${text}\n`),
  };
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], cyan: [36, 39], grey: [90, 39] } as const;

/** A named ANSI style. */
export type Style = keyof typeof CODES;

/** Wraps `text` in a style when the output takes colour; plain text otherwise. */
export function paint(output: Pick<Output, 'colour'>, style: Style, text: string): string {
  if (!output.colour) return text;
  const [on, off] = CODES[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

// Matches ANSI colour sequences, which take no width on screen.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a (possibly coloured) string. */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Aligns rows into columns (numbers right-aligned), with a rule under the header. */
export function table(rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  const pad = (cell: string, i: number) => {
    const space = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleWidth(cell)));
    return align[i] === 'right' ? space + cell : cell + space;
  };
  const lines = rows.map((row) => row.map(pad).join('  ').trimEnd());
  if (lines.length > 0) lines.splice(1, 0, widths.map((w) => '─'.repeat(w)).join('  '));
  return lines;
}
