import type { RequestReport } from '@modelmesh/core';
import type { LogRecord } from './log-sink.js';

/**
 * The fields of a request's log line: ids, where it went, every failed attempt with its kind,
 * failovers, latency, time to first token, tokens, cost and cache hit. No message contents, no
 * headers, no metadata: those may hold personal data or secrets.
 */
export function requestRecord(report: RequestReport): Record<string, unknown> {
  const { context, answeredBy, usage } = report;
  const failures = report.attempts
    .filter((attempt) => attempt.error !== undefined)
    .map((attempt) => ({ attempt: attempt.attempt, model: attempt.modelKey, provider: attempt.providerId, kind: attempt.error?.kind, ...(attempt.error?.status !== undefined ? { status: attempt.error.status } : {}), error: attempt.error?.name }));
  return {
    requestId: context.requestId,
    pool: context.poolName,
    operation: context.operation,
    ...(answeredBy ? { model: answeredBy.modelKey, provider: answeredBy.providerId } : {}),
    ...(report.responseModel !== undefined ? { responseModel: report.responseModel } : {}),
    attempts: report.attempts.length,
    failovers: report.failovers,
    ...(failures.length > 0 ? { failures } : {}),
    latencyMs: report.latencyMs,
    ...(report.timeToFirstTokenMs !== undefined ? { ttftMs: report.timeToFirstTokenMs } : {}),
    ...(usage ? { tokens: { input: usage.prompt_tokens, output: usage.completion_tokens, total: usage.total_tokens } } : {}),
    cost: report.cost,
    cacheHit: report.cacheHit,
    ...(report.error ? { error: { name: report.error.name, message: report.error.message } } : {}),
  } satisfies LogRecord;
}

/** The message of a request's log line. */
export function requestMessage(report: RequestReport): string {
  if (report.ok) return report.cacheHit ? 'request answered from cache' : 'request completed';
  return report.cancelled ? 'request cancelled' : 'request failed';
}
