import type { LogRecord, LogSink, LoggingLevel } from './log-sink.js';

/** Writes one finished line (with its newline). */
export type LineWriter = (line: string) => void;

type Level = Exclude<LoggingLevel, 'silent'>;

function sinkOf(format: (level: Level, record: LogRecord, message: string) => string, write: LineWriter): LogSink {
  const method = (level: Level) => (record: LogRecord, message: string) => write(format(level, record, message));
  return { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}

/** A sink writing one JSON object per line (`level`, `time`, `msg` and the record's fields), as log collectors expect. */
export function jsonLines(write: LineWriter, now: () => number = () => Date.now()): LogSink {
  return sinkOf((level, record, message) => `${JSON.stringify({ level, time: new Date(now()).toISOString(), msg: message, ...record })}\n`, write);
}

const COLORS: Readonly<Record<Level, string>> = { debug: '\x1b[90m', info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m' };

/** Field order and labels of the human format; other fields follow as `key=value`. */
const SHOWN = new Set(['requestId', 'pool', 'operation', 'model', 'provider', 'latencyMs', 'ttftMs', 'tokens', 'cost', 'cacheHit', 'attempts', 'failovers', 'failures', 'ok']);

function human(record: LogRecord): string {
  const parts: string[] = [];
  const at = (key: string) => record[key];
  if (at('pool') !== undefined) parts.push(`${String(at('pool'))}${at('model') !== undefined ? ` → ${String(at('model'))}` : ''}${at('provider') !== undefined ? ` (${String(at('provider'))})` : ''}`);
  if (at('cacheHit') === true) parts.push('cache hit');
  if (typeof at('latencyMs') === 'number') parts.push(`${String(at('latencyMs'))}ms`);
  if (typeof at('ttftMs') === 'number') parts.push(`ttft ${String(at('ttftMs'))}ms`);
  const tokens = at('tokens') as { input?: number; output?: number } | undefined;
  if (tokens) parts.push(`${tokens.input ?? 0}+${tokens.output ?? 0} tok`);
  if (typeof at('cost') === 'number') parts.push(`$${(at('cost') as number).toFixed(6)}`);
  if (typeof at('attempts') === 'number' && (at('attempts') as number) > 1) parts.push(`${String(at('attempts'))} attempts`);
  const failures = at('failures') as Array<{ model?: string; kind?: string; status?: number }> | undefined;
  if (failures?.length) parts.push(`failed: ${failures.map((f) => `${f.model ?? '?'} ${f.status ?? f.kind ?? ''}`.trim()).join(', ')}`);
  for (const [key, value] of Object.entries(record)) if (!SHOWN.has(key) && value !== undefined) parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  if (at('requestId') !== undefined) parts.push(`[${String(at('requestId'))}]`);
  return parts.join('  ');
}

/** A sink writing one readable line per record, for a terminal (colours when `color` is true). */
export function prettyLines(write: LineWriter, options: { color?: boolean; now?: () => number } = {}): LogSink {
  const now = options.now ?? (() => Date.now());
  return sinkOf((level, record, message) => {
    const time = new Date(now()).toISOString().slice(11, 23);
    const label = level.toUpperCase().padEnd(5);
    const tag = options.color ? `${COLORS[level]}${label}\x1b[0m` : label;
    return `${time} ${tag} ${message}  ${human(record)}\n`;
  }, write);
}
