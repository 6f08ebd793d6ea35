import { ModelMeshError, ProviderTimeoutError, type ProviderCall, type ChatCompletion, type ChatCompletionChunk, type ChatCompletionCreateParams, type ChatCompletionCreateParamsNonStreaming, type ChatCompletionCreateParamsStreaming, InvalidRequestError, type CreateEmbeddingResponse, type EmbeddingCreateParams, completionToChunks } from '@modelmesh/provider';
import { Stream } from '../streaming/stream.js';
import { ChatCompletionStream } from '../streaming/chat-completion-stream.js';
import { finishRequest, requireFinished } from './request-completion.js';
import { embeddingNeeds, requestNeeds, type RequestNeeds } from './request-needs.js';
import type { MeshModel } from './mesh-model.js';
import { RequestRun } from './request-run.js';
import type { AttemptSignal } from './attempt-signal.js';
import { routeRequest, type AttemptExecutor, type RouteOutcome } from './route-loop.js';
import type { RequestOptions, RouterContext } from './router-context.js';
import { openStreamUntilFirstContent, type CommittedStream } from './stream-commit.js';
import { routeHedged, type CloseLoser } from './hedge.js';
import { StreamDelivery } from './stream-delivery.js';
import { RoutedStream } from './routed-stream.js';
import { validateChatParams, validateEmbeddingParams } from './validate-params.js';
import type { RequestContext, RequestOperation } from '../middleware/request-call.js';
import { chatStreamThroughMiddleware, chatThroughMiddleware, embedThroughMiddleware } from './request-wrap.js';

/** Routes chat and embedding requests over the mesh's pools. */
export class Router {
  constructor(readonly ctx: RouterContext) {}

  /** A non-streaming chat completion, with retries and failover. */
  chat(params: ChatCompletionCreateParamsNonStreaming, options: RequestOptions = {}): Promise<ChatCompletion> {
    if (!this.ctx.middleware.wrapsRequests) return this.routeChat(params, options);
    return chatThroughMiddleware(this.ctx, params, options, (changed, request) => this.routeChat(changed, options, request));
  }

  /**
   * A streaming chat completion. Resolves once the first content chunk has arrived (until
   * then, failures are retried and failed over); the returned stream yields from there.
   */
  chatStream(params: ChatCompletionCreateParamsStreaming, options: RequestOptions = {}): Promise<ChatCompletionStream> {
    // Without request middleware the routed stream is the answer: no frame or promise more per stream.
    if (!this.ctx.middleware.wrapsRequests) return this.routeChatStream(params, options);
    return chatStreamThroughMiddleware(this.ctx, params, options, (changed, request) => this.routeChatStream(changed, options, request)).then(asChatCompletionStream);
  }

  /** Embeddings from the pool `params.model` names, with retries and failover. */
  embed(params: EmbeddingCreateParams, options: RequestOptions = {}): Promise<CreateEmbeddingResponse> {
    if (!this.ctx.middleware.wrapsRequests) return this.routeEmbed(params, options);
    return embedThroughMiddleware(this.ctx, params, options, (changed, request) => this.routeEmbed(changed, options, request));
  }

  private async routeChat(params: ChatCompletionCreateParamsNonStreaming, options: RequestOptions, request?: RequestContext): Promise<ChatCompletion> {
    const { ctx } = this;
    const run = this.startChat(params, options, 'chat', request);
    const outcome = await this.route(run, async (model, context, attempt, call) => {
      const forModel = { ...params, model: model.modelId };
      const request = ctx.middleware.rewritesRequests ? await attempt.race(ctx.middleware.beforeRequest(forModel, context)) : forModel;
      const completion = await underAttemptTimeout(run, model, attempt, () => model.provider.chat(request as ChatCompletionCreateParamsNonStreaming, call));
      return requireFinished(completion, model);
    }, (late) => late.usage);
    const completion = await finishRequest(ctx, {
      run,
      model: outcome.model,
      context: outcome.context,
      ticket: outcome.kind === 'value' ? outcome.ticket : undefined,
      spend: outcome.kind === 'value' ? outcome.spend : undefined,
      completion: outcome.value,
    });
    return completion ?? outcome.value;
  }

  /**
   * A `then` chain rather than an async function (nor are `route` and the attempt's executor
   * async): those frames and their awaits stayed suspended for each stream until its first
   * token, ~2 KB per opened stream (sampling heap profiler, 1,000 slow streams opened). Never
   * throws: a bad request rejects, as it did from the async function.
   */
  private routeChatStream(params: ChatCompletionCreateParamsStreaming, options: RequestOptions, request?: RequestContext): Promise<RoutedStream> {
    const { ctx } = this;
    let run: RequestRun;
    try {
      run = this.startChat(params, options, 'chat-stream', request);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.route(run, streamExecutor(ctx, run, params), closeLateStream).then((outcome) => deliverStream(ctx, run, outcome));
  }

  private async routeEmbed(params: EmbeddingCreateParams, options: RequestOptions, request?: RequestContext): Promise<CreateEmbeddingResponse> {
    validateEmbeddingParams(params);
    const run = this.startRun(params, options, embeddingNeeds(params.input), options.sessionId, 'embeddings', request);
    const outcome = await this.route(run, (model, _context, attempt, call) =>
      underAttemptTimeout(run, model, attempt, async () => {
        if (!model.provider.embed) throw new InvalidRequestError({ message: `Provider "${model.providerId}" offers no embeddings` });
        return model.provider.embed({ ...params, model: model.modelId }, call);
      }),
    );
    if (outcome.kind === 'fallback') throw new InvalidRequestError({ message: 'Middleware fallbacks do not apply to embeddings' });
    const response = outcome.value;
    await finishRequest(this.ctx, {
      run,
      model: outcome.model,
      ticket: outcome.ticket,
      spend: outcome.spend,
      usage: { prompt_tokens: response.usage.prompt_tokens, completion_tokens: 0, total_tokens: response.usage.total_tokens },
      answeredModelId: response.model,
    });
    return response;
  }

  /**
   * Routes `run`, calling `execute` for each attempt. A request that fails for good is
   * settled here (health, spend, usage, `request.completed`) before the error reaches the
   * caller; a successful one is settled by the caller of this method, which knows its answer.
   */
  private route<T>(run: RequestRun, execute: AttemptExecutor<T>, closeLoser?: CloseLoser<T>): Promise<RouteOutcome<T>> {
    let routed: Promise<RouteOutcome<T>>;
    try {
      const preparing = this.ctx.prepareRun?.(run);
      routed = preparing ? preparing.then(() => this.routeNow(run, execute, closeLoser)) : this.routeNow(run, execute, closeLoser);
    } catch (error) {
      routed = Promise.reject(error);
    }
    return routed.then(undefined, (error: unknown) => this.failed(run, error));
  }

  private routeNow<T>(run: RequestRun, execute: AttemptExecutor<T>, closeLoser: CloseLoser<T> | undefined): Promise<RouteOutcome<T>> {
    // Chat requests may be hedged (the pool's `hedge`); embeddings are not.
    return closeLoser ? routeHedged(this.ctx, run, execute, closeLoser) : routeRequest(this.ctx, run, execute);
  }

  /** Settles a request that failed for good, then rejects with its error. */
  private async failed(run: RequestRun, error: unknown): Promise<never> {
    await finishRequest(this.ctx, { run, failure: ModelMeshError.isInstance(error) ? error : undefined });
    throw error;
  }

  private startChat(params: ChatCompletionCreateParams, options: RequestOptions, operation: RequestOperation, request: RequestContext | undefined): RequestRun {
    validateChatParams(params);
    return this.startRun(params, options, requestNeeds(params, this.ctx.countTokens), sessionIdOf(params, options), operation, request);
  }

  private startRun(
    params: ChatCompletionCreateParams | EmbeddingCreateParams,
    options: RequestOptions,
    needs: RequestNeeds,
    sessionId: string | undefined,
    operation: RequestOperation,
    request: RequestContext | undefined,
  ): RequestRun {
    const { ctx } = this;
    return new RequestRun({
      id: request?.requestId ?? ctx.newRequestId(),
      pool: ctx.pools.get(params.model),
      params,
      options,
      needs,
      sessionId,
      throughMiddleware: operation !== 'embeddings',
      operation,
      clock: ctx.clock,
      request,
      logAttempts: ctx.middleware.observesRequests,
    });
  }
}

/** Runs one provider call under the pool's attempt timeout; the attempt's timers stop when it settles. */
async function underAttemptTimeout<T>(run: RequestRun, model: MeshModel, attempt: AttemptSignal, call: () => Promise<T>): Promise<T> {
  const { attemptMs } = run.pool.definition.policy.timeouts;
  attempt.arm(attemptMs, () => new ProviderTimeoutError({ providerId: model.providerId, modelId: model.modelId, timeoutSeconds: attemptMs / 1000, phase: 'attempt' }));
  try {
    return await attempt.race(call());
  } finally {
    attempt.dispose();
  }
}

/**
 * Each attempt of a streamed request: `beforeRequest` middleware (only when some rewrites
 * requests), then the provider's stream up to its first content. Never throws: it rejects.
 */
function streamExecutor(ctx: RouterContext, run: RequestRun, params: ChatCompletionCreateParamsStreaming): AttemptExecutor<CommittedStream> {
  return (model, context, attempt, call) => {
    try {
      const forModel = { ...params, model: model.modelId };
      if (!ctx.middleware.rewritesRequests) return openStream(ctx, run, model, forModel, attempt, call);
      return attempt.race(ctx.middleware.beforeRequest(forModel, context)).then((request) => openStream(ctx, run, model, request, attempt, call));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function openStream(ctx: RouterContext, run: RequestRun, model: MeshModel, request: ChatCompletionCreateParams, attempt: AttemptSignal, call: ProviderCall): Promise<CommittedStream> {
  const firstTokenMs = call.timeouts.firstToken ?? run.pool.definition.policy.timeouts.attemptMs;
  return openStreamUntilFirstContent(model, request as ChatCompletionCreateParamsStreaming, attempt, call, ctx.clock, firstTokenMs);
}

/** The routed request's stream: the committed provider stream, or a middleware fallback's answer as chunks. */
function deliverStream(ctx: RouterContext, run: RequestRun, outcome: RouteOutcome<CommittedStream>): RoutedStream | Promise<RoutedStream> {
  run.signals.stopDeadline();
  if (outcome.kind === 'fallback') {
    const fallback = outcome.value;
    return finishRequest(ctx, { run, model: outcome.model, context: outcome.context, completion: fallback }).then(
      () => new RoutedStream(() => iterate(completionToChunks(fallback)), run.signals),
    );
  }
  const { model, context, ticket, attempt, value: committed, spend } = outcome;
  // The stream's `controller` is the request's own: aborting it cancels the request, upstream call included.
  return RoutedStream.over(new StreamDelivery(ctx, { run, model, context, ticket, attempt, committed, spend }), run.signals);
}

function asChatCompletionStream(stream: Stream<ChatCompletionChunk>): ChatCompletionStream {
  return ChatCompletionStream.from(stream);
}

/** Closes the stream of a hedged attempt that produced content after the winner; its usage is estimated. */
function closeLateStream(late: CommittedStream): undefined {
  void late.iterator.return?.()?.catch(() => undefined);
  return undefined;
}

function sessionIdOf(params: ChatCompletionCreateParams, options: RequestOptions): string | undefined {
  const header = options.headers && Object.entries(options.headers).find(([name]) => name.toLowerCase() === 'x-session-id')?.[1];
  return options.sessionId ?? header ?? params.metadata?.['session_id'] ?? params.user;
}

async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}
