import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams } from '@modelmesh/provider';

/**
 * What middleware hooks know about the attempt they run in. The same object flows through
 * every hook of one attempt, so `metadata` set in `beforeRequest` is there in
 * `afterResponse`, `onError` and `onStreamChunk`.
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
  /** USD cost of the attempt, set once the response (or the stream's final usage) is known. */
  cost?: number;
}

/**
 * Base class for middleware: override the hooks you need. Hooks run in onion order:
 * `beforeRequest` in registration order, `afterResponse` and `onError` in reverse.
 * Middleware runs around every attempt (so a retried request passes through it again),
 * for streams too.
 */
export class Middleware {
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
