const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses the Go-style durations OpenAI and Groq put in `x-ratelimit-reset-*` headers
 * (`1s`, `6m0s`, `20ms`, `2m59.56s`, `1h30m`) into milliseconds. A bare number is read as
 * seconds. Returns undefined for anything else rather than guessing.
 */
export function parseDurationMs(text: string): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let index = 0;
  while (index < value.length) {
    part.lastIndex = index;
    const match = part.exec(value);
    if (!match) return undefined;
    const [whole, amount, unit] = match;
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? Number.NaN);
    index += whole.length;
  }
  return Number.isFinite(total) ? total : undefined;
}
