import type { CompletionUsage } from '@modelmesh/provider';
import type { TimerHandle } from '../runtime/clock.js';
import { evaluateCandidates } from './candidates.js';
import { costOf } from './cost.js';
import { HedgeLostError } from './hedge-lost-error.js';
import type { MeshModel } from './mesh-model.js';
import type { RequestRun } from './request-run.js';
import type { AttemptSignal } from './attempt-signal.js';
import { routeRequest, type AttemptExecutor, type RouteOutcome } from './route-loop.js';
import type { RouterContext } from './router-context.js';

/** Ends an attempt that won its race too late (its answer is not used); returns the usage it reported, if any. */
export type CloseLoser<T> = (value: T) => CompletionUsage | undefined;

/** One of the parallel route loops of a hedged request. */
interface Lane {
  readonly hedge: boolean;
  lost: boolean;
  settled: boolean;
  /** A provider call of this lane is running (aborting it then costs its prompt). */
  inFlight: boolean;
  /** It was aborted mid-call because the other lane won: bill its prompt. */
  cutShort: boolean;
  model?: MeshModel;
  attempt?: AttemptSignal;
}

/**
 * Routes `run`, hedged when its pool says so: if no attempt has produced content (the route
 * loop has not returned) `hedge.afterMs` after the start, a second route loop starts on the next
 * candidate, the model in flight left out. The first loop to return wins; the other's attempt is
 * aborted at once (a HedgeLostError, which frees its model untouched) or, if it returned too,
 * closed. The loser is billed for what it used: its reported usage, else its prompt tokens as
 * estimated. Both attempts reserved budget as any attempt does.
 */
export function routeHedged<T>(ctx: RouterContext, run: RequestRun, execute: AttemptExecutor<T>, closeLoser: CloseLoser<T>): Promise<RouteOutcome<T>> {
  const hedge = run.pool.definition.policy.hedge;
  if (!hedge) return routeRequest(ctx, run, execute);
  return new Promise<RouteOutcome<T>>((resolve, reject) => {
    const lanes: Lane[] = [];
    let winner: Lane | undefined;
    let firstError: unknown;
    let timer: TimerHandle | undefined;

    // Every lane failed (a failed lane has already tried the failovers its loop allows): no hedge is worth starting.
    const finishIfAllFailed = () => {
      if (winner || lanes.some((lane) => !lane.settled)) return;
      if (timer !== undefined) ctx.clock.clearTimeout(timer);
      timer = undefined;
      reject(firstError);
    };

    const billLoser = (lane: Lane, usage: CompletionUsage | undefined) => {
      const model = lane.model;
      if (!model) return;
      const spent = usage ?? { prompt_tokens: run.needs.promptTokens, completion_tokens: 0, total_tokens: run.needs.promptTokens };
      ctx.usage.recordPart({ modelKey: model.key, providerId: model.providerId, poolName: run.pool.definition.name, usage: spent, cost: costOf(model.pricing, spent) });
    };

    const start = (lane: Lane) => {
      lanes.push(lane);
      let announced = false;
      const inLane: AttemptExecutor<T> = async (model, context, attempt, call) => {
        if (lane.lost) throw new HedgeLostError();
        lane.model = model;
        lane.attempt = attempt;
        if (lane.hedge && !announced) {
          announced = true;
          const primary = lanes[0]?.model?.key ?? '';
          if (ctx.events.has('hedge.started')) {
            ctx.events.emit('hedge.started', { requestId: run.id, poolName: run.pool.definition.name, primaryModel: primary, hedgeModel: model.key, afterMs: hedge.afterMs, at: ctx.clock.now() });
          }
        }
        lane.inFlight = true;
        try {
          return await execute(model, context, attempt, call);
        } finally {
          lane.inFlight = false;
        }
      };
      routeRequest(ctx, run, inLane).then(
        (outcome) => {
          lane.settled = true;
          if (winner) {
            // Both produced content: the later one is closed and billed as a loser.
            if (outcome.kind === 'value') {
              outcome.attempt.abort(new HedgeLostError());
              outcome.attempt.dispose();
              ctx.health.abandonAttempt(outcome.ticket);
              if (outcome.spend && ctx.spend) void ctx.spend.release(outcome.spend);
              billLoser(lane, closeLoser(outcome.value));
            }
            return;
          }
          winner = lane;
          if (timer !== undefined) ctx.clock.clearTimeout(timer);
          timer = undefined;
          for (const other of lanes) {
            if (other === lane || other.settled) continue;
            other.lost = true;
            other.cutShort = other.inFlight;
            other.attempt?.abort(new HedgeLostError());
          }
          const loser = lanes.find((other) => other !== lane);
          if (loser?.model && ctx.events.has('hedge.won')) {
            ctx.events.emit('hedge.won', { requestId: run.id, poolName: run.pool.definition.name, winner: outcome.model.key, loser: loser.model.key, hedgeWon: lane.hedge, at: ctx.clock.now() });
          }
          resolve(outcome);
        },
        (error: unknown) => {
          lane.settled = true;
          // A loser aborted mid-attempt used its prompt at the provider.
          if (error instanceof HedgeLostError && lane.cutShort) billLoser(lane, undefined);
          firstError ??= error;
          finishIfAllFailed();
        },
      );
    };

    start({ hedge: false, lost: false, settled: false, inFlight: false, cutShort: false });
    timer = ctx.clock.setTimeout(() => {
      timer = undefined;
      const primary = lanes[0];
      if (winner || !primary || primary.settled || run.signals.abortError) return;
      // Hedge only when another candidate can take the request now.
      const excluded = new Map(run.excluded);
      if (primary.model) excluded.set(primary.model.key, 'in flight');
      const others = evaluateCandidates(run.pool.members, run.needs, ctx.health, excluded, ctx.clock.now()).filter((s) => s.skipped === undefined);
      if (others.length === 0) return;
      if (primary.model) run.exclude(primary.model.key, 'hedged: its attempt is still in flight');
      start({ hedge: true, lost: false, settled: false, inFlight: false, cutShort: false });
    }, hedge.afterMs);
  });
}
