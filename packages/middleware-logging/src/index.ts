/**
 * `@modelmesh/middleware-logging`: structured request logs for a mesh, to pino or any
 * `{ info, warn, error }` logger, with secrets and message contents kept out.
 * @module
 */
export { loggingMiddleware, type LoggingOptions } from './logging-middleware.js';
export { middlewarePlugin, formattedSink, type LogFormat, type LogStream } from './logging-plugin.js';
export { jsonLines, prettyLines, type LineWriter } from './line-formats.js';
export type { LogMethod, LogRecord, LogSink, LoggingLevel } from './log-sink.js';
