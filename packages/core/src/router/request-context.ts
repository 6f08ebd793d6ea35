import type { RequestContext, RequestOperation } from '../middleware/request-call.js';
import type { RequestOptions } from './router-context.js';

/** The signal of a request whose caller gave none: it never aborts. */
const NEVER_ABORTED = new AbortController().signal;

/** The request hooks' context for one request. */
export function newRequestContext(requestId: string, poolName: string, operation: RequestOperation, options: RequestOptions, startedAt: number): RequestContext {
  return {
    requestId,
    poolName,
    operation,
    signal: options.signal ?? NEVER_ABORTED,
    cache: options.cache !== false,
    startedAt,
    metadata: { ...options.metadata },
  };
}
