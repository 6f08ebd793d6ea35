import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from '@modelmesh/provider';
import { Middleware, type MeshMiddleware, type MiddlewareContext } from './middleware.js';
import type { AttemptOutcome, RequestAnswer, RequestCall } from './request-call.js';
import type { RequestReport } from './request-report.js';

const base = Middleware.prototype as MeshMiddleware;

type HookName = 'wrapRequest' | 'wrapAttempt' | 'beforeRequest' | 'afterResponse' | 'onError' | 'onStreamChunk' | 'onRequestEnd';

/** The middleware that really implement `hook` (a base-class pass-through does not count). */
function having<K extends HookName>(list: readonly MeshMiddleware[], hook: K): Array<MeshMiddleware & Required<Pick<MeshMiddleware, K>>> {
  return list.filter((m): m is MeshMiddleware & Required<Pick<MeshMiddleware, K>> => typeof m[hook] === 'function' && m[hook] !== base[hook]);
}

/**
 * Runs a list of middleware in onion order. Hooks a middleware does not implement are
 * skipped, so an empty or no-op chain costs nothing per request (the router checks the
 * `has*` flags before building anything).
 */
export class MiddlewareChain {
  private readonly requestWraps: Array<MeshMiddleware & Required<Pick<MeshMiddleware, 'wrapRequest'>>>;
  private readonly attemptWraps: Array<MeshMiddleware & Required<Pick<MeshMiddleware, 'wrapAttempt'>>>;
  private readonly before: Array<MeshMiddleware & Required<Pick<MeshMiddleware, 'beforeRequest'>>>;
  private readonly after: Array<MeshMiddleware & Required<Pick<MeshMiddleware, 'afterResponse'>>>;
  private readonly errors: Array<MeshMiddleware & Required<Pick<MeshMiddleware, 'onError'>>>;
  private readonly chunks: Array<MeshMiddleware & Required<Pick<MeshMiddleware, 'onStreamChunk'>>>;
  private readonly ends: Array<MeshMiddleware & Required<Pick<MeshMiddleware, 'onRequestEnd'>>>;

  constructor(readonly middleware: readonly MeshMiddleware[]) {
    this.requestWraps = having(middleware, 'wrapRequest');
    this.attemptWraps = having(middleware, 'wrapAttempt');
    this.before = having(middleware, 'beforeRequest');
    this.after = having(middleware, 'afterResponse').reverse();
    this.errors = having(middleware, 'onError').reverse();
    this.chunks = having(middleware, 'onStreamChunk');
    this.ends = having(middleware, 'onRequestEnd').reverse();
  }

  /** True when some middleware rewrites requests (else `beforeRequest` can be skipped). */
  get rewritesRequests(): boolean {
    return this.before.length > 0;
  }

  /** True when some middleware rewrites responses (else `afterResponse` can be skipped). */
  get rewritesResponses(): boolean {
    return this.after.length > 0;
  }

  /** True when some middleware watches stream chunks. */
  get watchesChunks(): boolean {
    return this.chunks.length > 0;
  }

  /** True when some middleware wraps whole requests. */
  get wrapsRequests(): boolean {
    return this.requestWraps.length > 0;
  }

  /** True when some middleware wraps attempts. */
  get wrapsAttempts(): boolean {
    return this.attemptWraps.length > 0;
  }

  /** True when some middleware wants the report of each settled request. */
  get observesRequests(): boolean {
    return this.ends.length > 0;
  }

  /**
   * Runs the `beforeRequest` hooks on a copy of the caller's request (retries start from
   * the original again; the caller's object is never changed).
   */
  async beforeRequest(request: ChatCompletionCreateParams, context: MiddlewareContext): Promise<ChatCompletionCreateParams> {
    if (this.before.length === 0) return request;
    let current = copyRequest(request);
    for (const m of this.before) current = await m.beforeRequest(current, context);
    return current;
  }

  async afterResponse(response: ChatCompletion, context: MiddlewareContext): Promise<ChatCompletion> {
    let current = response;
    for (const m of this.after) current = await m.afterResponse(current, context);
    return current;
  }

  /** The first fallback response a middleware offers, if any. */
  async onError(error: unknown, context: MiddlewareContext): Promise<ChatCompletion | undefined> {
    for (const m of this.errors) {
      const fallback = await m.onError(error, context);
      if (fallback !== undefined) return fallback;
    }
    return undefined;
  }

  async onStreamChunk(chunk: ChatCompletionChunk, context: MiddlewareContext): Promise<ChatCompletionChunk | null> {
    let current: ChatCompletionChunk | null = chunk;
    for (const m of this.chunks) {
      if (current === null) return null;
      current = await m.onStreamChunk(current, context);
    }
    return current;
  }

  /** Runs `call` through every `wrapRequest`, the first middleware outermost; `route` is the innermost `next`. */
  wrapRequest(call: RequestCall, route: (call: RequestCall) => Promise<RequestAnswer>): Promise<RequestAnswer> {
    const layer = (index: number, current: RequestCall): Promise<RequestAnswer> => {
      const m = this.requestWraps[index];
      if (!m) return route(current);
      return m.wrapRequest(current, (next) => layer(index + 1, next)).then((answer) => checkAnswer(answer, current, m));
    };
    return layer(0, call);
  }

  /**
   * Runs one attempt through every `wrapAttempt`. `attempt` runs once, innermost; its value is
   * what the router uses, whatever the layers return, so a layer can observe but not replace it.
   */
  async wrapAttempt<T>(context: MiddlewareContext, attempt: () => Promise<T>, outcomeOf: (value: T) => AttemptOutcome): Promise<T> {
    let result: { value: T } | undefined;
    let failure: { error: unknown } | undefined;
    let started = false;
    const layer = (index: number): Promise<AttemptOutcome> => {
      const m = this.attemptWraps[index];
      if (!m) {
        if (started) return Promise.reject(new Error('wrapAttempt called next() twice'));
        started = true;
        return attempt().then(
          (value) => {
            result = { value };
            return outcomeOf(value);
          },
          (error: unknown) => {
            failure = { error };
            throw error;
          },
        );
      }
      return m.wrapAttempt(context, () => layer(index + 1));
    };
    await layer(0);
    // A layer that swallowed the attempt's failure cannot turn it into a success.
    if (failure) throw failure.error;
    if (!result) throw new Error('a wrapAttempt middleware returned without calling next()');
    return result.value;
  }

  /** Gives the report to every `onRequestEnd`, last middleware first; their errors are ignored. */
  async onRequestEnd(report: RequestReport): Promise<void> {
    for (const m of this.ends) {
      try {
        await m.onRequestEnd(report);
      } catch {
        // An observer's failure must not change the request's outcome.
      }
    }
  }
}

function checkAnswer(answer: RequestAnswer, call: RequestCall, m: MeshMiddleware): RequestAnswer {
  if (answer?.operation === call.operation) return answer;
  throw new TypeError(`Middleware "${m.name ?? 'anonymous'}" answered a ${call.operation} request with ${answer?.operation ?? String(answer)}`);
}

/** A deep copy when the request is plain data (it always is on the wire); else a copy of its message list. */
function copyRequest(request: ChatCompletionCreateParams): ChatCompletionCreateParams {
  try {
    return structuredClone(request);
  } catch {
    return { ...request, messages: request.messages.map((message) => ({ ...message })) };
  }
}
