/** A log record: plain JSON data. */
export type LogRecord = Readonly<Record<string, unknown>>;

/** One logging method, called pino's way: the record, then the message. */
export type LogMethod = (record: LogRecord, message: string) => void;

/**
 * Where log lines go: a pino logger, or any object with `info`, `warn` and `error` (and
 * optionally `debug`) taking `(record, message)`.
 */
export interface LogSink {
  debug?: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/** Log levels, lowest first; `silent` logs nothing. */
export type LoggingLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Readonly<Record<LoggingLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** True when a line at `level` passes the `threshold`. */
export function passes(level: Exclude<LoggingLevel, 'silent'>, threshold: LoggingLevel): boolean {
  return RANK[level] >= RANK[threshold];
}

/** True for a known level name. */
export function isLoggingLevel(value: unknown): value is LoggingLevel {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}
