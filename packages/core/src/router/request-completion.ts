import { type ModelMeshError, type ChatCompletion, type CompletionUsage, ProviderError } from '@modelmesh/provider';
import type { MiddlewareContext } from '../middleware/middleware.js';
import type { RequestCompletedEvent } from '../events/mesh-events.js';
import { costOf } from './cost.js';
import { routedReport } from './request-report.js';
import type { SpendReservation } from '../usage/spend-guard.js';
import { withUsageAliases } from '../usage/usage-aliases.js';
import type { MeshModel } from './mesh-model.js';
import type { RequestRun } from './request-run.js';
import type { AttemptTicket } from '../health/tracker-types.js';
import type { RouterContext } from './router-context.js';

/** How a routed request ended. */
export interface RequestEnd {
  readonly run: RequestRun;
  /** The model that answered (or was streaming when it broke); undefined when none did. */
  readonly model?: MeshModel;
  readonly context?: MiddlewareContext;
  /** Health ticket still open for the answering attempt (streams settle at their end). */
  readonly ticket?: AttemptTicket;
  /** The chat answer (runs `afterResponse`); for other requests give `usage` and `answeredModelId`. */
  readonly completion?: ChatCompletion;
  readonly usage?: CompletionUsage;
  readonly answeredModelId?: string;
  readonly timeToFirstTokenMs?: number;
  /** Spend reserved for the answering attempt, settled here. */
  readonly spend?: SpendReservation;
  /** Set when the request failed. */
  readonly failure?: ModelMeshError;
  /** The caller cancelled: the attempt counts neither for nor against the model. */
  readonly cancelled?: boolean;
  /** A recovered stream: what the broken streams before the answering one used (already recorded per model), and the recoveries. */
  readonly recovered?: RecoveredParts;
}

/** The parts of a recovered stream that came before the answering model's. */
export interface RecoveredParts {
  readonly usage: CompletionUsage;
  readonly cost: number;
  readonly recoveries: NonNullable<RequestCompletedEvent['recoveries']>;
}

/**
 * A non-streaming answer counts as complete only when some choice has a finish reason, the
 * rule a stream is held to: an answer without one may be truncated, so it is a provider fault
 * (a retryable `malformed_response`: counted against the model, retried or failed over) and is
 * never presented as a success.
 */
export function requireFinished(completion: ChatCompletion, model: MeshModel): ChatCompletion {
  const choices = (completion as { choices?: unknown } | null | undefined)?.choices;
  if (Array.isArray(choices) && choices.some((choice: { finish_reason?: unknown } | null) => typeof choice?.finish_reason === 'string')) return completion;
  throw new ProviderError({
    providerId: model.providerId,
    modelId: model.modelId,
    code: 'malformed_response',
    message: `Provider "${model.providerId}" answered without a finish reason (the answer may be truncated)`,
  });
}

/**
 * Settles a request once: model health, latency, usage and cost, the `afterResponse`
 * hooks and the `request.completed` event. Returns the completion as middleware left it.
 */
export async function finishRequest(ctx: RouterContext, end: RequestEnd): Promise<ChatCompletion | undefined> {
  const { run, model, context, failure } = end;
  const now = ctx.clock.now();
  const policy = run.pool.definition.policy.health;
  let completion = end.completion;
  let usage = completion?.usage ?? end.usage;
  let cost = 0;
  const ok = failure === undefined && model !== undefined && (completion !== undefined || end.usage !== undefined);
  try {
    if (ok && model) {
      if (end.ticket) ctx.health.recordSuccess(end.ticket, policy);
      ctx.latency.recordLatency(model.key, now - run.startedAt);
      if (end.timeToFirstTokenMs !== undefined) ctx.latency.recordTimeToFirstToken(model.key, end.timeToFirstTokenMs);
      cost = costOf(model.pricing, usage);
      if (context) context.cost = cost;
      if (context && completion && ctx.middleware.rewritesResponses) {
        withUsageAliases(completion.usage);
        completion = await ctx.middleware.afterResponse(completion, context);
        usage = completion.usage ?? usage;
      }
      if (completion) withUsageAliases(completion.usage);
      if (end.spend && ctx.spend) await ctx.spend.settle(end.spend, { cost, tokens: totalTokens(usage) });
      ctx.usage.record({ modelKey: model.key, providerId: model.providerId, poolName: run.pool.definition.name, usage, cost });
    } else {
      if (end.ticket && end.cancelled) {
        ctx.health.abandonAttempt(end.ticket);
      } else if (end.ticket && model && failure) {
        ctx.health.recordFailure(end.ticket, { kind: 'transient', providerId: model.providerId, detail: failure.message }, policy);
      } else if (end.ticket) {
        ctx.health.abandonAttempt(end.ticket);
      }
      if (end.spend && ctx.spend) {
        // An interrupted stream was still paid for at the provider: keep what it used, else give the estimate back.
        if (end.usage && model) await ctx.spend.settle(end.spend, { cost: costOf(model.pricing, end.usage), tokens: totalTokens(end.usage) });
        else await ctx.spend.release(end.spend);
      }
      ctx.usage.recordFailure();
    }
  } finally {
    run.signals.dispose();
    const onCompleted = run.options.onCompleted;
    if (onCompleted || ctx.events.has('request.completed')) {
      const event: RequestCompletedEvent = {
        requestId: run.id,
        poolName: run.pool.definition.name,
        modelKey: failure ? undefined : model?.key,
        providerId: failure ? undefined : model?.providerId,
        modelId: failure ? undefined : (completion?.model ?? end.answeredModelId),
        stream: run.needs.stream,
        attempts: run.attempts,
        latencyMs: now - run.startedAt,
        ...(failure === undefined && end.timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs: end.timeToFirstTokenMs } : {}),
        usage: failure ? undefined : addUsage(usage, end.recovered?.usage),
        cost: cost + (end.recovered?.cost ?? 0),
        ok: failure === undefined,
        ...(end.recovered ? { recoveries: end.recovered.recoveries } : {}),
        ...(failure ? { error: { name: failure.name, message: failure.message } } : {}),
        at: now,
      };
      if (onCompleted) ctx.events.guard(onCompleted, event);
      ctx.events.emit('request.completed', event);
    }
    if (ctx.middleware.observesRequests) {
      await ctx.middleware.onRequestEnd(
        routedReport(run, {
          ok,
          model,
          failure,
          cancelled: end.cancelled,
          completion,
          // A recovered stream: the parts the broken streams used count too, as in the event.
          usage: ok ? addUsage(usage, end.recovered?.usage) : usage,
          responseModel: completion?.model ?? end.answeredModelId,
          cost: cost + (end.recovered?.cost ?? 0),
          latencyMs: now - run.startedAt,
          timeToFirstTokenMs: end.timeToFirstTokenMs,
        }),
      );
    }
  }
  return completion;
}

/** Token counts of two parts of one answer added up (usage of the first when there is no second). */
export function addUsage(a: CompletionUsage | undefined, b: CompletionUsage | undefined): CompletionUsage | undefined {
  if (!b) return a;
  if (!a) return b;
  return {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: totalTokens(a) + totalTokens(b),
  };
}

function totalTokens(usage: CompletionUsage | undefined): number {
  return usage?.total_tokens ?? (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0);
}
