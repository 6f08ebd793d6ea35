const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** One `<number><unit>` part; several may follow each other (`1m30s`). */
const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/gy;
const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

/** Examples shown whenever a duration cannot be read. */
export const DURATION_EXAMPLES = 'e.g. 500ms, 30s, 5m';

/**
 * Reads a duration and returns milliseconds, or undefined when the text is not
 * a duration. Accepts `500ms`, `30s`, `5m`, `1h`, `1d` and combinations such
 * as `1m30s`. A bare number, or a string holding only a number (what
 * `${TIMEOUT}` gives), means **seconds**, as in the original ModelMesh.
 * Negative values are rejected by the schema, not here, so the message can say so.
 */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 1000) : undefined;
  const text = value.trim().toLowerCase();
  if (BARE_NUMBER.test(text)) return Math.round(Number(text) * 1000);
  if (text === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  let end = 0;
  for (let match = PART.exec(text); match !== null; match = PART.exec(text)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    end = PART.lastIndex;
    // Allow spaces between parts (`1m 30s`) without allowing them anywhere else.
    while (text[end] === ' ') end++;
    PART.lastIndex = end;
  }
  return end === text.length && Number.isFinite(total) ? Math.round(total) : undefined;
}

/** Formats milliseconds in the largest unit that divides them evenly (`90000` → `90s`), for messages. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit] ?? 1;
    if (ms !== 0 && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
