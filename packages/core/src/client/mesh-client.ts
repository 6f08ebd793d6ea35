import { RoutingError, type ConfigIssue, type Provider, type ChatCompletion, type ChatCompletionMessageParam, type ChatCompletionCreateParams, type ChatCompletionCreateParamsNonStreaming, type ChatCompletionCreateParamsStreaming, type CreateEmbeddingResponse, type EmbeddingCreateParams } from '@modelmesh/provider';
import type { MeshEventHandler, MeshEventName } from '../events/mesh-events.js';
import { describePool, explainRouting, poolStatusOf, type PoolStatus, type RoutingExplanation } from '../router/introspection.js';
import type { Router } from '../router/router.js';
import type { RequestOptions } from '../router/router-context.js';
import type { ChatCompletionStream } from '../streaming/chat-completion-stream.js';
import { modelListPromise, type ModelListPromise } from './model-list-promise.js';
import type { UsageTracker } from '../usage/usage-tracker.js';
import type { BudgetWindowStatus } from '../usage/spend-guard.js';

/** `client.chat.completions`, shaped like the `openai` client's. */
export interface ChatCompletions {
  /** A completion from the pool `params.model` names, with retries and failover. */
  create(params: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): Promise<ChatCompletion>;
  /** A streamed completion: resolves once the first content arrives. */
  create(params: ChatCompletionCreateParamsStreaming, options?: RequestOptions): Promise<ChatCompletionStream>;
  create(params: ChatCompletionCreateParams, options?: RequestOptions): Promise<ChatCompletion | ChatCompletionStream>;
}

/** What `explain()` takes. */
export interface ExplainParams {
  /** Virtual model name: a pool or a capability. */
  model: string;
  /** Messages, so that the request's needs (tools, images, size) are considered. */
  messages?: readonly ChatCompletionMessageParam[];
  /** Session id, for pools using `session-sticky`. */
  sessionId?: string;
}

/** The parts a client is assembled from. @internal */
export interface MeshClientParts {
  readonly router: Router;
  readonly usage: UsageTracker;
  readonly providers: readonly Provider[];
  /** Pool names shown by `models.list()`, `describe()` and `poolStatus()`. */
  readonly poolNames: () => readonly string[];
  readonly createdAt: number;
  /** The configuration's warnings. */
  readonly warnings: readonly ConfigIssue[];
  /** Keys of every model the mesh routes to. */
  readonly modelKeys: ReadonlySet<string>;
  /** Stops what runs in the background (health probes) and releases what the mesh owns besides providers (its state store's connections). */
  readonly onClose?: () => Promise<void>;
}

/**
 * The ModelMesh client: the `openai` client's shape (`chat.completions.create`,
 * `embeddings.create`, `models.list`) plus routing introspection, usage and events.
 * Close it when done (`await using client = ...` does).
 */
export class MeshClient {
  /** `client.chat.completions.create(...)`. */
  readonly chat: { readonly completions: ChatCompletions };
  /** `client.embeddings.create(...)`. */
  readonly embeddings: { create(params: EmbeddingCreateParams, options?: RequestOptions): Promise<CreateEmbeddingResponse> };
  /** `client.models.list()`: the pools, as virtual models (await it, or iterate it with `for await`). */
  readonly models: { list(): ModelListPromise };
  private closed = false;

  /** @internal Clients are made by `createMesh()` or `create()`. */
  constructor(private readonly parts: MeshClientParts) {
    const router = parts.router;
    const create = ((params: ChatCompletionCreateParams, options?: RequestOptions) =>
      params.stream === true ? router.chatStream(params, options) : router.chat(params, options)) as ChatCompletions['create'];
    this.chat = { completions: { create } };
    this.embeddings = { create: (params, options) => router.embed(params, options) };
    this.models = {
      list: () =>
        modelListPromise(
          Promise.resolve({
            object: 'list',
            data: parts.poolNames().map((id) => ({ id, object: 'model', created: Math.floor(parts.createdAt / 1000), owned_by: 'modelmesh' })),
          }),
        ),
    };
  }

  /**
   * Warnings from loading the configuration, as `ConfigIssue`s with their paths: keys that
   * are renamed, ignored, or not acted on yet.
   * The mesh runs regardless; empty when there are none. Print them with `formatConfigIssue`.
   */
  get warnings(): readonly ConfigIssue[] {
    return this.parts.warnings;
  }

  /** Usage and cost so far. */
  get usage(): UsageTracker {
    return this.parts.usage;
  }

  /** What the router would do for a request, without calling any provider. */
  explain(params: ExplainParams): RoutingExplanation {
    return explainRouting(this.parts.router.ctx, this.parts.router.ctx.pools.get(params.model), params.messages, params.sessionId);
  }

  /** A readable summary of one pool, or of all of them. */
  describe(pool?: string): string {
    const { ctx } = this.parts.router;
    const names = pool === undefined ? this.parts.poolNames() : [pool];
    return names.map((name) => describePool(ctx, ctx.pools.get(name))).join('\n\n');
  }

  /** Status of one pool. */
  poolStatus(pool: string): PoolStatus;
  /** Status of every pool, by name. */
  poolStatus(): Record<string, PoolStatus>;
  poolStatus(pool?: string): PoolStatus | Record<string, PoolStatus> {
    const { ctx } = this.parts.router;
    if (pool !== undefined) return poolStatusOf(ctx, ctx.pools.get(pool));
    return Object.fromEntries(this.parts.poolNames().map((name) => [name, poolStatusOf(ctx, ctx.pools.get(name))]));
  }

  /**
   * Ids of the provider instances (the keys under `providers`, e.g. `openai`, `openai-backup`)
   * with at least one model not in standby, sorted. Two accounts on one connector stay two
   * entries here; {@link MeshClient.activeConnectors} gives the connector ids instead.
   */
  activeProviders(): string[] {
    return this.activeMembers((model) => model.providerId);
  }

  /**
   * Connector ids (e.g. `openai.llm.v1`, `anthropic.claude.v1`) of the providers with at least
   * one model not in standby, sorted and without repeats: what the original ModelMesh's
   * `active_providers()` listed.
   */
  activeConnectors(): string[] {
    return this.activeMembers((model) => model.connector);
  }

  private activeMembers(pick: (model: { providerId: string; connector: string }) => string): string[] {
    const { ctx } = this.parts.router;
    const active = new Set<string>();
    for (const name of this.parts.poolNames()) {
      for (const model of ctx.pools.get(name).members) {
        if (ctx.health.state(model.key).state !== 'standby') active.add(pick(model));
      }
    }
    return [...active].sort();
  }

  /**
   * Takes a model out of rotation (all pools) until `until` (ms since epoch; default: until
   * {@link MeshClient.reactivate}). For maintenance windows and manual failover drills.
   * Throws a `RoutingError` for a key the mesh does not know.
   */
  deactivate(modelKey: string, until = Infinity): void {
    this.parts.router.ctx.health.deactivate(this.knownModel(modelKey, 'deactivate'), 'manual', until, 'deactivated by the application');
  }

  /** Puts a model back into rotation at once. Throws a `RoutingError` for a key the mesh does not know. */
  reactivate(modelKey: string): void {
    this.parts.router.ctx.health.reactivate(this.knownModel(modelKey, 'reactivate'));
  }

  private knownModel(modelKey: string, method: string): string {
    if (this.parts.modelKeys.has(modelKey)) return modelKey;
    const models = [...this.parts.modelKeys];
    throw new RoutingError({ message: `${method}(): unknown model "${modelKey}"; the mesh's models are ${models.join(', ') || '(none)'}`, details: { model: modelKey, models } });
  }

  /**
   * Starts budget `name`'s current window over from zero (an operator's decision) and returns
   * its status. Throws a RangeError for a budget the configuration does not define.
   */
  async resetBudget(name: string): Promise<BudgetWindowStatus> {
    const { spend } = this.parts.router.ctx;
    if (!spend) throw new RangeError(`unknown budget "${name}"`);
    return spend.resetWindow(name);
  }

  /** Subscribes to an event; returns a function that unsubscribes. */
  on<E extends MeshEventName>(event: E, handler: MeshEventHandler<E>): () => void {
    return this.parts.router.ctx.events.on(event, handler);
  }

  /** Closes every provider's connections, and the state store the mesh built from its config. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.parts.router.ctx.events.clear();
    await Promise.allSettled([...this.parts.providers.map((provider) => provider.close?.()), this.parts.onClose?.()]);
  }

  /** `await using client = create(...)` closes the client at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
