import { systemClock, type Clock, type MeshMiddleware, type RequestContext } from '@modelmesh/core';
import { answerPreview, promptPreview } from './content-preview.js';
import { jsonLines } from './line-formats.js';
import { passes, type LogSink, type LoggingLevel } from './log-sink.js';
import { requestMessage, requestRecord } from './request-record.js';

/** Options of {@link loggingMiddleware}. */
export interface LoggingOptions {
  /** Where lines go: a pino logger or any `{ info, warn, error }`. Default: JSON lines on standard output. */
  readonly logger?: LogSink;
  /** Lowest level logged (default `info`). `debug` adds one line per attempt; `silent` logs nothing. */
  readonly level?: LoggingLevel;
  /**
   * Also log message contents (the last user message and the answer), each cut to `maxChars`
   * (default 200). Off by default: contents may hold personal data.
   */
  readonly content?: boolean | { readonly maxChars?: number };
  /** Clock for attempt durations (default: the system clock). */
  readonly clock?: Clock;
}

const DEFAULT_MAX_CHARS = 200;

/** Standard output where there is one (Node, Bun, Deno), else the console: never a Node-only import. */
function defaultWriter(line: string): void {
  const stdout = (globalThis as { process?: { stdout?: { write(text: string): unknown } } }).process?.stdout;
  if (stdout) stdout.write(line);
  else console.log(line.trimEnd());
}

/**
 * Structured logs for a mesh: one line per request (`info` when answered, `error` when it
 * failed) with request id, pool, the model and provider that answered, each failed attempt
 * with its kind, failovers, latency, time to first token, tokens, cost and cache hit; at
 * `debug`, one more line per attempt. Secrets and message contents are never logged unless
 * `content` asks for the contents.
 */
export function loggingMiddleware(options: LoggingOptions = {}): MeshMiddleware {
  const level = options.level ?? 'info';
  const logger = options.logger ?? jsonLines(defaultWriter);
  const clock = options.clock ?? systemClock;
  const maxChars = options.content === true ? DEFAULT_MAX_CHARS : options.content ? (options.content.maxChars ?? DEFAULT_MAX_CHARS) : 0;
  const prompts = new WeakMap<RequestContext, string>();
  const middleware: MeshMiddleware = {
    name: 'logging',
    onRequestEnd(report) {
      const lineLevel = report.ok || report.cancelled ? 'info' : 'error';
      if (!passes(lineLevel, level)) return;
      const record = requestRecord(report);
      if (maxChars > 0) {
        const prompt = prompts.get(report.context);
        if (prompt !== undefined) record['prompt'] = prompt;
        const answer = answerPreview(report.completion, maxChars);
        if (answer !== undefined) record['answer'] = answer;
      }
      logger[lineLevel](record, requestMessage(report));
    },
  };
  if (maxChars > 0) {
    // Only when contents are logged: a request hook costs a little on every request.
    middleware.wrapRequest = (call, next) => {
      if (call.operation !== 'embeddings') {
        const prompt = promptPreview(call.params, maxChars);
        if (prompt !== undefined) prompts.set(call.context, prompt);
      }
      return next(call);
    };
  }
  if (passes('debug', level) && logger.debug) {
    const debug = logger.debug.bind(logger);
    middleware.wrapAttempt = async (context, next) => {
      const started = clock.now();
      const base = { requestId: context.requestId, attempt: context.attempt, model: context.modelKey, provider: context.providerId };
      try {
        const outcome = await next();
        debug({ ...base, durationMs: clock.now() - started, ...(outcome.streaming ? { streaming: true } : {}) }, 'attempt succeeded');
        return outcome;
      } catch (error) {
        const failure = error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
        debug({ ...base, durationMs: clock.now() - started, error: failure }, 'attempt failed');
        throw error;
      }
    };
  }
  return middleware;
}
