import type { LogRecord, LogSink } from '../../src/index.js';

/** A sink that keeps every line. */
export function capture(): LogSink & { lines: Array<{ level: string; message: string; record: LogRecord }> } {
  const lines: Array<{ level: string; message: string; record: LogRecord }> = [];
  const method = (level: string) => (record: LogRecord, message: string) => void lines.push({ level, message, record });
  return { lines, debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}
