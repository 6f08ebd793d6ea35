import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  CreateEmbeddingResponse,
  EmbeddingCreateParams,
} from '@modelmesh/provider';
import type { RequestAnswer, RequestCall, RequestContext, RequestOperation } from '../middleware/request-call.js';
import { Stream } from '../streaming/stream.js';
import { withUsageAliases } from '../usage/usage-aliases.js';
import { settleMiddlewareAnswer, settleMiddlewareStream } from './middleware-answer.js';
import { newRequestContext } from './request-context.js';
import type { RequestOptions, RouterContext } from './router-context.js';
import { validateChatParams, validateEmbeddingParams } from './validate-params.js';

type Route<P, V> = (params: P, request: RequestContext) => Promise<V>;

function openRequest(ctx: RouterContext, model: string, operation: RequestOperation, options: RequestOptions): RequestContext {
  // Resolving the pool first: an unknown model fails before any middleware runs.
  const pool = ctx.pools.get(model);
  return newRequestContext(ctx.newRequestId(), pool.definition.name, operation, options, ctx.clock.now());
}

function wrongCall(call: RequestCall, expected: RequestOperation): never {
  throw new TypeError(`wrapRequest passed a ${call.operation} call to next() for a ${expected} request`);
}

/** A chat request through the `wrapRequest` layers; `route` routes it over the pool. */
export async function chatThroughMiddleware(
  ctx: RouterContext,
  params: ChatCompletionCreateParamsNonStreaming,
  options: RequestOptions,
  route: Route<ChatCompletionCreateParamsNonStreaming, ChatCompletion>,
): Promise<ChatCompletion> {
  validateChatParams(params);
  const request = openRequest(ctx, params.model, 'chat', options);
  let routed = false;
  const answer = await ctx.middleware.wrapRequest({ operation: 'chat', params, context: request }, async (call): Promise<RequestAnswer> => {
    if (call.operation !== 'chat') wrongCall(call, 'chat');
    routed = true;
    return { operation: 'chat', completion: await route(call.params, request) };
  });
  if (answer.operation !== 'chat') throw new TypeError('unreachable: the chain checks the answer');
  if (!routed) {
    if (answer.cacheHit) options.onCacheHit?.();
    withUsageAliases(answer.completion.usage);
    await settleMiddlewareAnswer(ctx, request, options, answer.completion, answer.completion.usage, answer.cacheHit === true);
  }
  return answer.completion;
}

/** A streamed chat request through the `wrapRequest` layers. */
export async function chatStreamThroughMiddleware(
  ctx: RouterContext,
  params: ChatCompletionCreateParamsStreaming,
  options: RequestOptions,
  route: Route<ChatCompletionCreateParamsStreaming, Stream<ChatCompletionChunk>>,
): Promise<Stream<ChatCompletionChunk>> {
  validateChatParams(params);
  const request = openRequest(ctx, params.model, 'chat-stream', options);
  let routed: Stream<ChatCompletionChunk> | undefined;
  const answer = await ctx.middleware.wrapRequest({ operation: 'chat-stream', params, context: request }, async (call): Promise<RequestAnswer> => {
    if (call.operation !== 'chat-stream') wrongCall(call, 'chat-stream');
    routed = await route(call.params, request);
    return { operation: 'chat-stream', stream: routed };
  });
  if (answer.operation !== 'chat-stream') throw new TypeError('unreachable: the chain checks the answer');
  if (routed && answer.stream === routed) return routed;
  if (routed) {
    // A layer replaced the routed stream with its own view of it: the routed request settles as it is read.
    const source = answer.stream;
    return new Stream(() => source[Symbol.asyncIterator](), routed.controller);
  }
  if (answer.cacheHit) options.onCacheHit?.();
  return settleMiddlewareStream(ctx, request, options, answer.stream, answer.cacheHit === true);
}

/** An embeddings request through the `wrapRequest` layers. */
export async function embedThroughMiddleware(
  ctx: RouterContext,
  params: EmbeddingCreateParams,
  options: RequestOptions,
  route: Route<EmbeddingCreateParams, CreateEmbeddingResponse>,
): Promise<CreateEmbeddingResponse> {
  validateEmbeddingParams(params);
  const request = openRequest(ctx, params.model, 'embeddings', options);
  let routed = false;
  const answer = await ctx.middleware.wrapRequest({ operation: 'embeddings', params, context: request }, async (call): Promise<RequestAnswer> => {
    if (call.operation !== 'embeddings') wrongCall(call, 'embeddings');
    routed = true;
    return { operation: 'embeddings', response: await route(call.params, request) };
  });
  if (answer.operation !== 'embeddings') throw new TypeError('unreachable: the chain checks the answer');
  if (!routed) {
    if (answer.cacheHit) options.onCacheHit?.();
    const { usage } = answer.response;
    await settleMiddlewareAnswer(ctx, request, options, undefined, usage && { prompt_tokens: usage.prompt_tokens, completion_tokens: 0, total_tokens: usage.total_tokens }, answer.cacheHit === true, answer.response.model);
  }
  return answer.response;
}
