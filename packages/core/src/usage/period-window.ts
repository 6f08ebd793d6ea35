/** A budget or quota period. `request` limits each request on its own; `total` never resets. */
export type Period = 'request' | 'minute' | 'hour' | 'day' | 'month' | 'total';

/** The window of a period that contains an instant: `[start, end)` in ms since epoch. */
export interface PeriodWindow {
  readonly start: number;
  readonly end: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * The fixed window of `period` around `now`. Calendar periods are in UTC: a day starts at
 * 00:00Z and a month on its first day, whatever the machine's time zone. Fixed windows (not
 * sliding ones) match how vendors reset daily and monthly quotas, and cost one counter each.
 */
export function periodWindow(period: Exclude<Period, 'request'>, now: number): PeriodWindow {
  switch (period) {
    case 'minute':
      return fixed(now, MINUTE);
    case 'hour':
      return fixed(now, HOUR);
    case 'day':
      return fixed(now, DAY);
    case 'month': {
      const date = new Date(now);
      const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
      return { start, end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) };
    }
    case 'total':
      return { start: 0, end: Infinity };
  }
}

function fixed(now: number, size: number): PeriodWindow {
  const start = Math.floor(now / size) * size;
  return { start, end: start + size };
}

/** Time-to-live for a window's counter: until the window ends, plus a minute for clock skew between processes. */
export function windowTtl(window: PeriodWindow, now: number): number | undefined {
  return Number.isFinite(window.end) ? window.end - now + MINUTE : undefined;
}
