import { randomUUID } from 'node:crypto';
import { redactText } from '@modelmesh/core';
import type { ProxyMessage } from './startup-messages.js';
import type { Exchange } from './proxy-context.js';

/** Stack frames kept in the log line: enough to find the fault, not a screenful per request. */
const STACK_FRAMES = 3;

/** Writes to stderr: where a server's errors go when its owner gave no `log`. */
export const stderrLog = (message: ProxyMessage): void => {
  process.stderr.write(`[modelmesh] ${message.text}\n`);
};

/**
 * Logs an answer of 500 (a fault of the proxy or the mesh, never of the client or a vendor)
 * with the request id the client was given, so the two can be matched. The text is redacted:
 * an exception's message may quote a value that holds a key. Returns the request id: the
 * mesh's when it got that far, else a fresh one.
 */
export function logInternalError(log: (message: ProxyMessage) => void, ex: Exchange, error: unknown): string {
  const requestId = ex.trace.requestId ?? `proxy-${randomUUID()}`;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : `thrown value: ${String(error)}`;
  const frames = error instanceof Error && error.stack ? error.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, STACK_FRAMES) : [];
  const where = `${ex.req.method ?? ''} ${(ex.req.url ?? '').split('?')[0] ?? ''}`;
  const text = redactText([`500 on ${where} (request ${requestId}): ${what}`, ...frames.map((frame) => `  ${frame.trim()}`)].join('\n'));
  log({ level: 'error', code: 'internal-error', text });
  return requestId;
}
