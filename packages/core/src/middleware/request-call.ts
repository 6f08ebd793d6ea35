import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  CompletionUsage,
  CreateEmbeddingResponse,
  EmbeddingCreateParams,
} from '@modelmesh/provider';

/** What a request does: a chat completion, a streamed one, or embeddings. */
export type RequestOperation = 'chat' | 'chat-stream' | 'embeddings';

/**
 * What the request hooks know about one request. One object per request, shared by
 * `wrapRequest`, every attempt's context (`context.request`) and `onRequestEnd`.
 */
export interface RequestContext {
  /** Id of the request. */
  readonly requestId: string;
  /** The pool serving it (resolved from the request's `model`). */
  readonly poolName: string;
  readonly operation: RequestOperation;
  /** The caller's abort signal (a signal that never aborts when the caller gave none). */
  readonly signal: AbortSignal;
  /** False when the caller opted out of response caches (`cache: false`, or the proxy's `x-modelmesh-cache: no-store`). */
  readonly cache: boolean;
  /** When the request started (ms since epoch, on the mesh's clock). */
  readonly startedAt: number;
  /** Free-form data shared by the request hooks (seeded from the request's `metadata` option). */
  readonly metadata: Record<string, unknown>;
}

/**
 * A request as `wrapRequest` sees it. `params.model` names the pool; a middleware may pass a
 * changed `params` to `next` (the pool is the one already resolved).
 */
export type RequestCall =
  | { readonly operation: 'chat'; readonly params: ChatCompletionCreateParamsNonStreaming; readonly context: RequestContext }
  | { readonly operation: 'chat-stream'; readonly params: ChatCompletionCreateParamsStreaming; readonly context: RequestContext }
  | { readonly operation: 'embeddings'; readonly params: EmbeddingCreateParams; readonly context: RequestContext };

/**
 * A request's answer as `wrapRequest` returns it; its `operation` must be the call's. A
 * middleware that answers without calling `next` sets `cacheHit` when the answer came from a
 * cache: the request then costs $0 and is marked as a hit in usage, events and reports.
 * A streamed answer resolves once the first content is in; its `stream` yields the chunks.
 */
export type RequestAnswer =
  | { readonly operation: 'chat'; readonly completion: ChatCompletion; readonly cacheHit?: boolean }
  | { readonly operation: 'chat-stream'; readonly stream: AsyncIterable<ChatCompletionChunk>; readonly cacheHit?: boolean }
  | { readonly operation: 'embeddings'; readonly response: CreateEmbeddingResponse; readonly cacheHit?: boolean };

/** What `wrapAttempt` learns from a successful attempt. */
export interface AttemptOutcome {
  /** Model id the provider answered with (absent for a stream, which goes on after the attempt's first content). */
  readonly responseModel?: string;
  /** Token usage (absent for a stream: see the request's report). */
  readonly usage?: CompletionUsage;
  /** True for a stream that produced its first content; it now flows to the caller. */
  readonly streaming: boolean;
}
