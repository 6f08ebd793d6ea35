import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from '@modelmesh/provider';
import type { AttemptOutcome, RequestAnswer, RequestCall, RequestContext } from './request-call.js';
import type { RequestReport } from './request-report.js';

/**
 * What the per-attempt hooks know about the attempt they run in. The same object flows through
 * every hook of one attempt, so `metadata` set in `beforeRequest` is there in `afterResponse`,
 * `onError`, `onStreamChunk` and `wrapAttempt`.
 */
export interface MiddlewareContext {
  /** Id of the whole request (shared by its attempts). */
  readonly requestId: string;
  /** The pool serving the request. */
  readonly poolName: string;
  /** The model's key in the mesh. */
  readonly modelKey: string;
  /** The real model id at the provider. */
  readonly modelId: string;
  /** Provider instance id. */
  readonly providerId: string;
  /** Connector id of the provider, e.g. `openai.llm.v1`. */
  readonly connector: string;
  /** 1-based attempt number within the request. */
  readonly attempt: number;
  /** Whether the request streams. */
  readonly stream: boolean;
  /** Aborts when the attempt ends early: the caller cancelled, the deadline passed or the attempt timed out. */
  readonly signal: AbortSignal;
  /** Free-form data shared by the hooks of this attempt (seeded from the request's metadata). */
  readonly metadata: Record<string, unknown>;
  /** The request this attempt belongs to (its context is shared by every attempt and by the request hooks). */
  readonly request: RequestContext;
  /** USD cost of the attempt, set once the response (or the stream's final usage) is known. */
  cost?: number;
}

/**
 * Middleware: an object with any of these optional hooks (a plain object works, and so does a
 * class extending {@link Middleware}). A mesh runs its middleware list in onion order: the first
 * in the list is the outermost layer.
 *
 * Per request (once, whatever the number of attempts; chat, streams and embeddings):
 * - `wrapRequest` wraps the whole request. It may change the call, answer without calling
 *   `next` (a cache does), or observe the answer or the error `next` gives.
 * - `onRequestEnd` sees the final report once the request is settled: the answer or the error,
 *   every attempt with its failure kind, latency, tokens, cost, cache hit. For a stream it runs
 *   when the stream ends (completed, broken or cancelled).
 *
 * Per attempt (again for each retry and failover):
 * - `wrapAttempt` wraps one attempt on one model (spans, timing); it must call `next` once.
 * - `beforeRequest` (chat) may change the request sent to this attempt's model.
 * - `onError` (chat) sees a failed attempt and may answer with a fallback.
 * - `onStreamChunk` sees each chunk of the stream the caller reads, and may change or drop it.
 *
 * Once, for the answer: `afterResponse` (chat) may change the completion; for a stream it runs at
 * the end with the assembled completion and its return value is ignored.
 *
 * Order: `wrapRequest` and `wrapAttempt` nest with the first middleware outermost; `beforeRequest`
 * runs first to last; `afterResponse`, `onError` and `onRequestEnd` run last to first.
 */
export interface MeshMiddleware {
  /** Name used in logs and errors (default: the class name). */
  readonly name?: string;
  /** Per request: wraps the request; see {@link RequestCall}. Call `next` (with the call, or a changed one) to route it. */
  wrapRequest?(call: RequestCall, next: (call: RequestCall) => Promise<RequestAnswer>): Promise<RequestAnswer>;
  /** Per attempt: wraps one attempt. Must call `next` exactly once and return (or throw) what it gives. */
  wrapAttempt?(context: MiddlewareContext, next: () => Promise<AttemptOutcome>): Promise<AttemptOutcome>;
  /** Per attempt (chat): may return a changed request for this attempt. */
  beforeRequest?(request: ChatCompletionCreateParams, context: MiddlewareContext): Promise<ChatCompletionCreateParams> | ChatCompletionCreateParams;
  /** Once (chat): may return a changed response. */
  afterResponse?(response: ChatCompletion, context: MiddlewareContext): Promise<ChatCompletion> | ChatCompletion;
  /** Per failed attempt (chat): return a response to answer with it, or undefined to let the router go on. */
  onError?(error: unknown, context: MiddlewareContext): Promise<ChatCompletion | undefined> | ChatCompletion | undefined;
  /** Per stream chunk: may change it, or return null to drop it. */
  onStreamChunk?(chunk: ChatCompletionChunk, context: MiddlewareContext): Promise<ChatCompletionChunk | null> | ChatCompletionChunk | null;
  /** Per request, once settled. Errors it throws are ignored; keep it quick (the caller waits for it on non-streamed requests). */
  onRequestEnd?(report: RequestReport): Promise<void> | void;
}

/**
 * Base class for middleware: override the hooks you need (any hook of {@link MeshMiddleware},
 * plus the four below, which pass through by default). Hooks a subclass does not override
 * cost nothing per request.
 *
 * @example
 * ```ts
 * class LoggingMiddleware extends Middleware {
 *   async beforeRequest(request, context) {
 *     console.log(`→ ${context.modelId} via ${context.providerId}`);
 *     return request;
 *   }
 * }
 * const client = create('chat', { middleware: [new LoggingMiddleware()] });
 * ```
 */
export class Middleware implements MeshMiddleware {
  /** Name used in logs and errors. */
  get name(): string {
    return this.constructor.name;
  }

  /** May return a changed request (for this attempt). */
  async beforeRequest(request: ChatCompletionCreateParams, _context: MiddlewareContext): Promise<ChatCompletionCreateParams> {
    return request;
  }

  /**
   * May return a changed response. For streams it runs once at the end with the
   * assembled completion; its return value is then ignored (the chunks are already out).
   */
  async afterResponse(response: ChatCompletion, _context: MiddlewareContext): Promise<ChatCompletion> {
    return response;
  }

  /**
   * Sees every failed attempt. Return a response to answer the request with it (a
   * fallback); return undefined to let the router retry or fail over.
   */
  async onError(_error: unknown, _context: MiddlewareContext): Promise<ChatCompletion | undefined> {
    return undefined;
  }

  /** Sees each stream chunk before the caller; may change it, or return null to drop it. */
  async onStreamChunk(chunk: ChatCompletionChunk, _context: MiddlewareContext): Promise<ChatCompletionChunk | null> {
    return chunk;
  }
}
