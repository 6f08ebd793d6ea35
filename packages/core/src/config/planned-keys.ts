import type { ConfigPath } from './config-path.js';
import type { IssueCollector } from './issue-collector.js';

/**
 * A key the schema accepts because planned work will act on it, but nothing reads
 * yet. Setting it loads with a warning, so a document never silently asks for
 * behaviour it does not get.
 */
interface PlannedKey {
  readonly key: string;
  /** The value that describes what happens today; writing it needs no warning. */
  readonly today?: unknown;
  /** What happens instead, and what is planned. */
  readonly meanwhile: string;
}

/** `observability` keys not acted on yet (`log_level`, `connector` and `config` map onto the logging and OpenTelemetry middleware). */
export const PLANNED_OBSERVABILITY_KEYS: readonly PlannedKey[] = [
  { key: 'events', today: true, meanwhile: 'events reach every handler registered with client.on()' },
];

/**
 * Warns, at the key's own path, about each planned key that `entry` sets to
 * anything but today's behaviour. `entry` is the parsed section, so values are
 * compared after substitution and defaults.
 */
export function warnPlannedKeys(entry: object | undefined, keys: readonly PlannedKey[], path: ConfigPath, issues: IssueCollector): void {
  if (entry === undefined) return;
  for (const { key, today, meanwhile } of keys) {
    const value: unknown = Object.hasOwn(entry, key) ? (entry as Record<string, unknown>)[key] : undefined;
    if (value === undefined || (today !== undefined && value === today)) continue;
    const written = typeof value === 'boolean' || (typeof value === 'string' && key !== 'url') ? `${key}: ${String(value)}` : key;
    issues.warn([...path, key], `${written} is not acted on yet and has no effect: ${meanwhile}`);
  }
}
