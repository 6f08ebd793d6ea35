import { ConfigurationError, type ConfigIssue, type MiddlewarePlugin } from '@modelmesh/core';
import { jsonLines, prettyLines, type LineWriter } from './line-formats.js';
import { isLoggingLevel, type LogSink } from './log-sink.js';
import { loggingMiddleware } from './logging-middleware.js';

/** How a config-made logger formats lines: `auto` is human-readable on a terminal, JSON otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** A writable text stream such as `process.stdout`. */
export interface LogStream {
  write(text: string): unknown;
  /** True when the stream is a terminal. */
  readonly isTTY?: boolean;
}

function standardStream(name: 'stdout' | 'stderr'): LogStream | undefined {
  return (globalThis as { process?: Record<'stdout' | 'stderr', LogStream | undefined> }).process?.[name];
}

/** A sink for `format` on `stream`: `auto` picks the human format when the stream is a terminal. */
export function formattedSink(format: LogFormat, stream: LogStream | undefined): LogSink {
  const write: LineWriter = stream ? (line) => void stream.write(line) : (line) => console.log(line.trimEnd());
  const pretty = format === 'pretty' || (format === 'auto' && stream?.isTTY === true);
  return pretty ? prettyLines(write, { color: stream?.isTTY === true }) : jsonLines(write);
}

const KEYS = ['level', 'format', 'destination', 'content'];

/**
 * The `logging` entry of a config's `middleware` list:
 * `{ name: logging, options: { level, format: auto | json | pretty, destination: stdout | stderr, content: true | { max_chars } } }`.
 * `level` defaults to `observability.log_level`.
 */
export const middlewarePlugin: MiddlewarePlugin = {
  packageName: '@modelmesh/middleware-logging',
  create(options, context) {
    const issues: ConfigIssue[] = [];
    const at = (key: string) => `${context.path}.${key}`;
    for (const key of Object.keys(options)) if (!KEYS.includes(key)) issues.push({ path: at(key), message: `unknown option "${key}"; expected one of ${KEYS.join(', ')}` });
    const level = options['level'] ?? context.logLevel;
    if (!isLoggingLevel(level)) issues.push({ path: at('level'), message: 'expected debug, info, warn, error or silent' });
    const format = options['format'] ?? 'auto';
    if (format !== 'auto' && format !== 'json' && format !== 'pretty') issues.push({ path: at('format'), message: 'expected auto, json or pretty' });
    const destination = options['destination'] ?? 'stdout';
    if (destination !== 'stdout' && destination !== 'stderr') issues.push({ path: at('destination'), message: 'expected stdout or stderr' });
    const content = readContent(options['content'], at('content'), issues);
    if (issues.length > 0 || !isLoggingLevel(level)) throw new ConfigurationError({ issues });
    return loggingMiddleware({
      level,
      logger: formattedSink(format as LogFormat, standardStream(destination as 'stdout' | 'stderr')),
      content,
      clock: context.clock,
    });
  },
};

function readContent(value: unknown, path: string, issues: ConfigIssue[]): boolean | { maxChars: number } {
  if (value === undefined || typeof value === 'boolean') return value === true;
  const max = (value as { max_chars?: unknown } | null)?.max_chars;
  if (typeof value === 'object' && value !== null && Object.keys(value).every((key) => key === 'max_chars') && Number.isInteger(max) && (max as number) > 0) {
    return { maxChars: max as number };
  }
  issues.push({ path, message: 'expected true, false or { max_chars: <positive integer> }' });
  return false;
}
