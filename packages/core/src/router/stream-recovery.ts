import { ContentFilteredError, type StreamInterruptedError, type ChatCompletionCreateParamsStreaming, type CompletionUsage } from '@modelmesh/provider';
import type { AttemptTicket } from '../health/tracker-types.js';
import type { MiddlewareContext } from '../middleware/middleware.js';
import type { SpendReservation } from '../usage/spend-guard.js';
import { costOf } from './cost.js';
import type { MeshModel } from './mesh-model.js';
import { isPrefillRejection, learnNoPrefill, recoveryModeFor, withPrefill, type RecoveryMode } from './prefill-support.js';
import { addUsage, type RecoveredParts } from './request-completion.js';
import type { RequestRun } from './request-run.js';
import type { AttemptSignal } from './attempt-signal.js';
import { routeRequest } from './route-loop.js';
import type { RouterContext } from './router-context.js';
import { openStreamUntilFirstContent, type CommittedStream } from './stream-commit.js';
import { StreamReplay, type DeliveredAnswer } from './stream-replay.js';

/** One model's part of a streamed answer: its attempt, and how its chunks are shaped for the caller. */
export interface StreamSegment {
  readonly model: MeshModel;
  readonly context: MiddlewareContext;
  readonly ticket: AttemptTicket;
  readonly attempt: AttemptSignal;
  readonly committed: CommittedStream;
  readonly spend?: SpendReservation;
  /** Set on the segments after a recovery. */
  readonly replay?: StreamReplay;
}

/** A segment whose stream broke, and what it used. */
export interface BrokenSegment {
  readonly segment: StreamSegment;
  readonly error: StreamInterruptedError;
  /** Its tokens (reported, or estimated from what it streamed). */
  readonly usage: CompletionUsage;
}

/** True when the pool recovers streams and this break is one to recover from (one choice; not a content filter). */
export function isRecoverable(run: RequestRun, error: StreamInterruptedError): boolean {
  if (run.pool.definition.policy.streamRecovery === 'off' || run.signals.abortError) return false;
  if (ContentFilteredError.isInstance(error.cause)) return false;
  const n = (run.params as { n?: number | null }).n;
  return n === undefined || n === null || n <= 1;
}

/** Accumulates the parts of a recovered answer that came before the model now streaming. */
export class RecoveryLedger {
  usage: CompletionUsage | undefined;
  cost = 0;
  readonly recoveries: Array<RecoveredParts['recoveries'][number]> = [];

  /** What finishRequest needs, or undefined when nothing was recovered. */
  get parts(): RecoveredParts | undefined {
    return this.usage === undefined ? undefined : { usage: this.usage, cost: this.cost, recoveries: this.recoveries };
  }
}

/**
 * Settles a broken segment as the part of the answer it was: it counts as a failure of its
 * model, and its tokens and cost are billed to that model (the request counts once, for the
 * model that finishes it).
 */
export async function settleBroken(ctx: RouterContext, run: RequestRun, broken: BrokenSegment, ledger: RecoveryLedger, countAsFailure: boolean): Promise<void> {
  const { segment, usage } = broken;
  const { model } = segment;
  segment.attempt.abort(broken.error);
  segment.attempt.dispose();
  void segment.committed.iterator.return?.()?.catch(() => undefined);
  if (countAsFailure) {
    ctx.health.recordFailure(segment.ticket, { kind: 'transient', providerId: model.providerId, detail: broken.error.message }, run.pool.definition.policy.health);
    run.recordFailure(broken.error);
  } else {
    ctx.health.abandonAttempt(segment.ticket);
  }
  const cost = costOf(model.pricing, usage);
  if (segment.spend && ctx.spend) await ctx.spend.settle(segment.spend, { cost, tokens: usage.total_tokens });
  ctx.usage.recordPart({ modelKey: model.key, providerId: model.providerId, poolName: run.pool.definition.name, usage, cost });
  ledger.usage = addUsage(ledger.usage, usage);
  ledger.cost += cost;
}

/**
 * Goes on with a broken stream on the next candidate: the route loop picks it (retries and
 * failovers as for any attempt, the broken model left out), and the attempt sends the delivered
 * text as a prefill where the model takes one, else the original request. A prefill refused with
 * a 400 is remembered and that same attempt restarts instead. Throws `first` (the original
 * interruption) when no candidate can take over.
 */
export async function recoverStream(
  ctx: RouterContext,
  run: RequestRun,
  broken: BrokenSegment,
  delivered: DeliveredAnswer,
  streamId: string,
  first: StreamInterruptedError,
  ledger: RecoveryLedger,
): Promise<StreamSegment> {
  const { model: from } = broken.segment;
  await settleBroken(ctx, run, broken, ledger, true);
  emitBrokenAttempt(ctx, run, broken);
  run.exclude(from.key, `its stream broke (${broken.error.reason})`);
  const policy = run.pool.definition.policy.streamRecovery;
  const params = run.params as ChatCompletionCreateParamsStreaming;
  const { attemptMs } = run.pool.definition.policy.timeouts;
  let outcome;
  try {
    outcome = await routeRequest(ctx, run, async (model, context, attempt, call) => {
      const open = async (request: ChatCompletionCreateParamsStreaming) => {
        const prepared = await attempt.race(ctx.middleware.beforeRequest({ ...request, model: model.modelId }, context));
        return openStreamUntilFirstContent(model, prepared as ChatCompletionCreateParamsStreaming, attempt, call, ctx.clock, call.timeouts.firstToken ?? attemptMs);
      };
      let mode: RecoveryMode = recoveryModeFor(ctx, policy, model, delivered.toolCalls.length > 0);
      if (mode === 'continue') {
        try {
          return { mode, committed: await open(withPrefill(params, delivered.content)) };
        } catch (error) {
          if (!isPrefillRejection(error) || attempt.signal.aborted) throw error;
          learnNoPrefill(ctx, model);
          mode = 'restart';
        }
      }
      return { mode, committed: await open(params) };
    });
  } catch {
    throw run.signals.abortError ?? first;
  }
  if (outcome.kind === 'fallback') throw first;
  const { model, context, ticket, attempt, spend, value } = outcome;
  const { mode, committed } = value;
  ledger.recoveries.push({ fromModel: from.key, toModel: model.key, mode });
  if (ctx.events.has('stream.recovered')) {
    ctx.events.emit('stream.recovered', {
      requestId: run.id,
      poolName: run.pool.definition.name,
      fromModel: from.key,
      toModel: model.key,
      mode,
      reason: broken.error.reason,
      chunksDelivered: broken.error.chunksDelivered,
      attempt: run.attempts,
      at: ctx.clock.now(),
    });
  }
  return { model, context, ticket, attempt, committed, spend, replay: new StreamReplay(mode, delivered, streamId) };
}

function emitBrokenAttempt(ctx: RouterContext, run: RequestRun, broken: BrokenSegment): void {
  if (!ctx.events.has('attempt.failed')) return;
  const { model } = broken.segment;
  const { error } = broken;
  ctx.events.emit('attempt.failed', {
    requestId: run.id,
    poolName: run.pool.definition.name,
    modelKey: model.key,
    providerId: model.providerId,
    attempt: run.attempts,
    error: { name: error.name, message: error.message, retryable: error.retryable },
    next: 'failover',
    delayMs: 0,
    at: ctx.clock.now(),
  });
}

/** The answer the caller holds so far (choice 0), to continue or reproduce. */
export function deliveredAnswer(completion: { choices: ReadonlyArray<{ index: number; message: { content: string | null; tool_calls?: ReadonlyArray<{ id: string; type: string; function?: { name: string; arguments: string } }> } }> }): DeliveredAnswer {
  const message = completion.choices.find((c) => c.index === 0)?.message;
  return {
    content: message?.content ?? '',
    toolCalls: (message?.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' })),
  };
}
