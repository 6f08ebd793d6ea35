import { RequestAbortedError, type ChatCompletion, type ChatCompletionChunk, type CompletionUsage } from '@modelmesh/provider';
import type { RequestCompletedEvent } from '../events/mesh-events.js';
import type { RequestContext } from '../middleware/request-call.js';
import { CompletionAssembler } from '../streaming/completion-assembler.js';
import { Stream } from '../streaming/stream.js';
import type { RequestOptions, RouterContext } from './router-context.js';

/**
 * Settles a request a middleware answered without any provider (a cache hit): it costs $0,
 * counts as a cache hit in usage when marked so, and is reported like any request
 * (`request.completed`, `onCompleted`, `onRequestEnd`) with no attempts.
 */
export async function settleMiddlewareAnswer(
  ctx: RouterContext,
  request: RequestContext,
  options: RequestOptions,
  completion: ChatCompletion | undefined,
  usage: CompletionUsage | undefined,
  cacheHit: boolean,
  responseModel = completion?.model,
  failure?: { error: Error; cancelled: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  const ok = failure === undefined;
  if (cacheHit && ok) ctx.usage.recordCacheHit(request.poolName);
  const onCompleted = options.onCompleted;
  if (onCompleted || ctx.events.has('request.completed')) {
    const event: RequestCompletedEvent = {
      requestId: request.requestId,
      poolName: request.poolName,
      modelId: responseModel,
      stream: request.operation === 'chat-stream',
      attempts: 0,
      latencyMs: now - request.startedAt,
      usage: ok ? usage : undefined,
      cost: 0,
      ok,
      cacheHit,
      ...(failure ? { error: { name: failure.error.name, message: failure.error.message } } : {}),
      at: now,
    };
    if (onCompleted) ctx.events.guard(onCompleted, event);
    ctx.events.emit('request.completed', event);
  }
  if (!ctx.middleware.observesRequests) return;
  await ctx.middleware.onRequestEnd({
    context: request,
    ok,
    cancelled: failure?.cancelled === true,
    cacheHit,
    ...(responseModel !== undefined ? { responseModel } : {}),
    attempts: [],
    failovers: 0,
    latencyMs: now - request.startedAt,
    ...(usage && ok ? { usage } : {}),
    cost: 0,
    ...(completion && ok ? { completion } : {}),
  });
}

/**
 * A stream a middleware produced on its own (a cached answer replayed as chunks), as the
 * caller's `Stream`: aborting it stops the replay, and the request settles when it ends.
 */
export function settleMiddlewareStream(
  ctx: RouterContext,
  request: RequestContext,
  options: RequestOptions,
  source: AsyncIterable<ChatCompletionChunk>,
  cacheHit: boolean,
): Stream<ChatCompletionChunk> {
  const controller = new AbortController();
  const callerSignal = options.signal;
  async function* replay(): AsyncGenerator<ChatCompletionChunk> {
    const assembler = new CompletionAssembler();
    let failure: { error: Error; cancelled: boolean } | undefined;
    try {
      for await (const chunk of source) {
        if (controller.signal.aborted || callerSignal?.aborted) throw new RequestAbortedError();
        assembler.add(chunk);
        yield chunk;
      }
    } catch (error) {
      failure = { error: error instanceof Error ? error : new Error(String(error)), cancelled: RequestAbortedError.isInstance(error) };
      throw error;
    } finally {
      const completion = assembler.toCompletion();
      await settleMiddlewareAnswer(ctx, request, options, completion, assembler.usage ?? completion.usage, cacheHit, completion.model, failure);
    }
  }
  return new Stream(() => replay(), controller);
}
