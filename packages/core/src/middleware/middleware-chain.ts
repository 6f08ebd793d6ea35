import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from '@modelmesh/provider';
import { Middleware, type MiddlewareContext } from './middleware.js';

const base = Middleware.prototype;

/**
 * Runs a list of middleware in onion order. Hooks a middleware does not override are
 * skipped, so an empty or no-op chain costs nothing per request.
 */
export class MiddlewareChain {
  private readonly before: Middleware[];
  private readonly after: Middleware[];
  private readonly errors: Middleware[];
  private readonly chunks: Middleware[];

  constructor(middleware: readonly Middleware[]) {
    this.before = middleware.filter((m) => m.beforeRequest !== base.beforeRequest);
    this.after = middleware.filter((m) => m.afterResponse !== base.afterResponse).reverse();
    this.errors = middleware.filter((m) => m.onError !== base.onError).reverse();
    this.chunks = middleware.filter((m) => m.onStreamChunk !== base.onStreamChunk);
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
}

/** A deep copy when the request is plain data (it always is on the wire); else a copy of its message list. */
function copyRequest(request: ChatCompletionCreateParams): ChatCompletionCreateParams {
  try {
    return structuredClone(request);
  } catch {
    return { ...request, messages: request.messages.map((message) => ({ ...message })) };
  }
}
