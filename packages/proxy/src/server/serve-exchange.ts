import { RequestAbortedError } from '@modelmesh/core';
import { toHttpFailure } from '../http/error-mapping.js';
import { ClientGoneError } from '../http/read-json-body.js';
import { sendFailure } from '../http/send-response.js';
import { traceHeaders } from '../request-trace.js';
import { withRetryAfter } from './back-pressure.js';
import { authenticate, enforceKeyRate } from './guards.js';
import { logInternalError } from './internal-error-log.js';
import type { Exchange, ProxyContext } from './proxy-context.js';
import type { Route } from './route-table.js';

/**
 * Runs one route: authentication, the key's rate limit, then the handler. Any error
 * becomes an answer in the route's dialect (a 429 always with `Retry-After`), unless the client is gone (nothing to answer) or a
 * stream already started (the stream wrote its own error). Written with `then` rather than
 * `await`: a stream lasts minutes, and a suspended frame per open stream costs memory.
 */
export function serveExchange(ctx: ProxyContext, ex: Exchange, route: Route, param: string): Promise<void> {
  let handled: Promise<void>;
  try {
    if (route.auth) authenticate(ctx, ex);
    handled = route.api && ex.key?.rpm !== undefined ? enforceKeyRate(ctx, ex).then(() => route.handle(ctx, ex, param)) : route.handle(ctx, ex, param);
  } catch (error) {
    handled = Promise.reject(error);
  }
  return handled.then(undefined, (error: unknown) => answerFailure(ctx, ex, route, error));
}

function answerFailure(ctx: ProxyContext, ex: Exchange, route: Route, error: unknown): void {
  if (error instanceof ClientGoneError || (ex.signal.aborted && RequestAbortedError.isInstance(error) && ex.res.destroyed)) return;
  const cause = ex.signal.aborted ? (ex.signal.reason as unknown) ?? error : error;
  const failure = withRetryAfter(ctx, ex, toHttpFailure(cause, () => ctx.clock.now()));
  // A 500 is our own fault: never silent, and the client gets the id the log line carries.
  const requestId = failure.status === 500 ? logInternalError(ctx.log, ex, cause) : undefined;
  if (ex.res.headersSent) {
    ex.res.end();
    return;
  }
  const meshHeaders = ex.trace.attempts > 0 ? traceHeaders(ex.trace, false) : {};
  sendFailure(ex.res, failure, { ...ex.headers, ...meshHeaders, ...(requestId !== undefined ? { 'x-request-id': requestId } : {}) }, route.dialect);
}
