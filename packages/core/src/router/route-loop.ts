import { type ModelMeshError, ProviderTimeoutError, NoActiveModelError, RoutingError, type ProviderCall, type ChatCompletion } from '@modelmesh/provider';
import type { AttemptTicket } from '../health/tracker-types.js';
import type { MiddlewareContext } from '../middleware/middleware.js';
import { sleep } from '../runtime/clock.js';
import type { CandidateView, Selection, StrategyContext } from '../strategies/strategy.js';
import type { SpendReservation } from '../usage/spend-guard.js';
import { attemptOutcome } from '../middleware/attempt-outcome.js';
import { attemptTimeouts, hasFallback } from './attempt-timeouts.js';
import { attemptContext } from './attempt-views.js';
import { evaluateCandidates, toCandidateViews, type CandidateStatus } from './candidates.js';
import { HedgeLostError } from './hedge-lost-error.js';
import { backoffDelay, classifyFailure, toMeshError, type FailureClass } from './failure-policy.js';
import type { MeshModel } from './mesh-model.js';
import type { RequestRun } from './request-run.js';
import type { AttemptSignal } from './attempt-signal.js';
import { malformedEventReporter } from './malformed-event-reporter.js';
import { rateLimitReporter } from './rate-limit-reporter.js';
import { reserveSpend } from './reserve-spend.js';
import { retryAfterVerdict, spacedDelay } from './retry-timing.js';
import type { RouterContext } from './router-context.js';

/** Runs one attempt on one model (middleware included); throws on failure. */
export type AttemptExecutor<T> = (
  model: MeshModel,
  context: MiddlewareContext,
  attempt: AttemptSignal,
  call: ProviderCall,
) => Promise<T>;

/** A successful attempt, or a middleware fallback. */
export type RouteOutcome<T> =
  | { kind: 'value'; value: T; model: MeshModel; context: MiddlewareContext; ticket: AttemptTicket; attempt: AttemptSignal; spend?: SpendReservation }
  | { kind: 'fallback'; value: ChatCompletion; model: MeshModel; context: MiddlewareContext };

/**
 * The router's only retry loop: select, attempt, classify failures, retry the same model
 * with backoff or fail over, wait for a recovery when everything is in standby, and stop at
 * the attempt budget or the deadline.
 */
export async function routeRequest<T>(ctx: RouterContext, run: RequestRun, execute: AttemptExecutor<T>): Promise<RouteOutcome<T>> {
  // The first model tried, and whether the request left a model because that model failed.
  let firstPick: string | undefined;
  let leftAfterFailure = false;
  for (;;) {
    throwIfAborted(run);
    const now = ctx.clock.now();
    const statuses = evaluateCandidates(run.pool.members, run.needs, ctx.health, run.excluded, now);
    const eligible = statuses.filter((s) => s.skipped === undefined);
    // Memory moves only when the request saw the pool as every request does: a model left out
    // for this request's own needs (vision, context size) must not move stick-until-failure on.
    const representative = statuses.every((s) => s.skipped === undefined || s.recovering);
    const claimed = eligible.length > 0 ? claimCandidate(ctx, run, eligible, now, representative) : undefined;
    if (!claimed) {
      await waitForRecoveryOrThrow(ctx, run, statuses);
      continue;
    }
    let { model, ticket } = claimed;
    const reason = claimed.reason;
    firstPick ??= model.key;
    for (;;) {
      // No budgets or quotas: nothing to reserve, and no await on the hot path.
      const reserving = reserveSpend(ctx, run, model, ticket);
      const spend = reserving === undefined ? undefined : await reserving;
      if (spend === 'skip') break;
      const outcome = await attemptOnce(ctx, run, model, ticket, reason, execute, spend);
      if (outcome.kind !== 'failed') {
        if (leftAfterFailure && model.key !== firstPick) rememberAnswerer(ctx, run, claimed.view, ctx.clock.now());
        return outcome;
      }
      const next = decideNext(ctx, run, model, outcome.failure);
      if (next.kind === 'throw') throw next.error;
      if (next.kind === 'failover') {
        leftAfterFailure ||= outcome.failure.kind !== 'request';
        break;
      }
      await sleep(ctx.clock, next.delayMs, run.signals.signal).catch(() => throwIfAborted(run));
      const again = ctx.health.beginAttempt(model.key);
      if (!again) break;
      ticket = again;
    }
  }
}

function throwIfAborted(run: RequestRun): void {
  const error = run.signals.abortError;
  if (error) throw error;
}

function claimCandidate(
  ctx: RouterContext,
  run: RequestRun,
  eligible: readonly CandidateStatus[],
  now: number,
  representative: boolean,
): { model: MeshModel; ticket: AttemptTicket; reason: string; view: CandidateView } | undefined {
  const selection = select(ctx, run, eligible, now, representative);
  for (const view of selection.order) {
    const ticket = ctx.health.beginAttempt(view.key);
    const model = eligible.find((s) => s.model.key === view.key)?.model;
    if (ticket && model) return { model, ticket, reason: selection.reason, view };
  }
  return undefined;
}

/** A model answered after the request left a failing one: strategies that stick to a model (`answeredBy`) move to it. */
function rememberAnswerer(ctx: RouterContext, run: RequestRun, view: CandidateView, now: number): void {
  const definition = run.pool.definition;
  const answeredBy = ctx.strategy(definition.strategy.name)?.answeredBy;
  if (!answeredBy) return;
  const memory = answeredBy(view, strategyContext(ctx, run, now));
  if (memory) ctx.pools.rememberStrategy(definition.name, memory);
}

function strategyContext(ctx: RouterContext, run: RequestRun, now: number): StrategyContext {
  const definition = run.pool.definition;
  return {
    poolName: definition.name,
    options: definition.strategy.options,
    sessionId: run.sessionId,
    stream: run.needs.stream,
    now,
    random: ctx.random,
    memory: ctx.pools.strategyMemory(definition.name),
  };
}

/** How often a request waiting on another request's half-open trial looks again. */
const TRIAL_POLL_MS = 250;

function select(ctx: RouterContext, run: RequestRun, eligible: readonly CandidateStatus[], now: number, representative: boolean): Selection {
  const definition = run.pool.definition;
  const strategy = ctx.strategy(definition.strategy.name);
  if (!strategy) throw new RoutingError({ poolName: definition.name, message: `Unknown strategy "${definition.strategy.name}" in pool "${definition.name}"` });
  const members = run.pool.members;
  const views = toCandidateViews(eligible, (m) => members.indexOf(m), run.needs, ctx.latency, ctx.headroom, now);
  const selection = strategy.select(views, strategyContext(ctx, run, now));
  // Only a request's first selection moves the pool's memory, and only when it saw the pool as every request does.
  if (run.firstSelection() && representative && selection.memory) ctx.pools.rememberStrategy(definition.name, selection.memory);
  return selection;
}

type AttemptResult<T> = RouteOutcome<T> | { kind: 'failed'; failure: FailureClass };

/**
 * One attempt. Not an async function: a stream's attempt lasts until its first token, and the
 * suspended frame cost ~0.4 KB more per opened stream than this one `then` (sampling heap
 * profiler, 1,000 slow streams opened). Never throws: it rejects, as the async function did.
 */
function attemptOnce<T>(
  ctx: RouterContext,
  run: RequestRun,
  model: MeshModel,
  ticket: AttemptTicket,
  reason: string,
  execute: AttemptExecutor<T>,
  spend: SpendReservation | undefined,
): Promise<AttemptResult<T>> {
  let attempt: AttemptSignal;
  let context: MiddlewareContext;
  let call: ProviderCall;
  try {
    const definition = run.pool.definition;
    const { timeouts } = definition.policy;
    const now = ctx.clock.now();
    const failoverFrom = run.beginAttempt(model.key, now);
    if (failoverFrom !== undefined && ctx.events.has('request.failover')) {
      ctx.events.emit('request.failover', { requestId: run.id, poolName: definition.name, fromModel: failoverFrom, toModel: model.key, attempt: run.attempts, at: now });
    }
    const onRouted = run.options.onRouted;
    if (onRouted || ctx.events.has('request.routed')) {
      const event = {
        requestId: run.id,
        poolName: definition.name,
        modelKey: model.key,
        providerId: model.providerId,
        strategy: definition.strategy.name,
        reason,
        attempt: run.attempts,
        at: now,
      };
      if (onRouted) ctx.events.guard(onRouted, event);
      ctx.events.emit('request.routed', event);
    }
    attempt = run.signals.attempt();
    context = attemptContext(run, model, attempt.signal);
    run.noteAttempt(model, now);
    // Plain data, so a `{ ...call }` copy keeps everything.
    call = {
      signal: attempt.signal,
      timeouts: attemptTimeouts(timeouts, model, run.needs.stream, hasFallback(run.pool.members, model, run.excluded, ctx.health)),
      headers: run.options.headers,
      maxMalformedEvents: definition.policy.retry.maxMalformedEvents,
      reportMalformedEvent: malformedEventReporter(ctx, run, model),
      reportRateLimit: rateLimitReporter(ctx, model),
    };
  } catch (error) {
    return Promise.reject(error);
  }
  let executing: Promise<T>;
  try {
    executing = Promise.resolve(ctx.middleware.wrapsAttempts ? ctx.middleware.wrapAttempt(context, () => execute(model, context, attempt, call), attemptOutcome) : execute(model, context, attempt, call));
  } catch (raw) {
    executing = Promise.reject(raw);
  }
  return executing.then(
    (value): AttemptResult<T> => ({ kind: 'value', value, model, context, ticket, attempt, spend }),
    (raw: unknown) => attemptFailed(ctx, run, model, ticket, attempt, context, spend, raw),
  );
}

/** A failed attempt: frees it, hears `onError` middleware (a fallback?), records the failure on the model's health. */
async function attemptFailed<T>(
  ctx: RouterContext,
  run: RequestRun,
  model: MeshModel,
  ticket: AttemptTicket,
  attempt: AttemptSignal,
  context: MiddlewareContext,
  spend: SpendReservation | undefined,
  raw: unknown,
): Promise<AttemptResult<T>> {
  const definition = run.pool.definition;
  attempt.dispose();
  if (spend && ctx.spend) await ctx.spend.release(spend);
  // A cancelled request, or a hedged attempt that lost the race: says nothing about the model.
  if (run.signals.abortError || raw instanceof HedgeLostError) {
    ctx.health.abandonAttempt(ticket);
    throw run.signals.abortError ?? raw;
  }
  const error = toMeshError(raw, model.providerId, model.modelId);
  const fallback = run.throughMiddleware ? await ctx.middleware.onError(error, context) : undefined;
  const failure = classifyFailure(error, definition.policy.retry);
  ctx.health.recordFailure(
    ticket,
    { kind: failure.kind, providerId: model.providerId, retryAfterMs: failure.retryAfterMs, status: failure.status, detail: error.message },
    definition.policy.health,
  );
  run.recordFailure(error, failure.kind);
  if (fallback !== undefined) {
    emitAttemptFailed(ctx, run, model, error, 'fallback', 0);
    return { kind: 'fallback', value: fallback, model, context };
  }
  return { kind: 'failed', failure };
}

type NextStep = { kind: 'retry-same'; delayMs: number } | { kind: 'failover' } | { kind: 'throw'; error: ModelMeshError };

function decideNext(ctx: RouterContext, run: RequestRun, model: MeshModel, failure: FailureClass): NextStep {
  const { retry } = run.pool.definition.policy;
  const step = nextStep(ctx, run, model, failure);
  const budgetLeft = run.attempts < retry.maxAttempts;
  const final: NextStep =
    step.kind === 'throw' || budgetLeft
      ? step
      : { kind: 'throw', error: run.exhaustedError() };
  const label = final.kind === 'throw' ? 'surface' : final.kind;
  emitAttemptFailed(ctx, run, model, failure.error, label, final.kind === 'retry-same' ? final.delayMs : 0);
  return final;
}

function nextStep(ctx: RouterContext, run: RequestRun, model: MeshModel, failure: FailureClass): NextStep {
  const { retry } = run.pool.definition.policy;
  const why = `failed: ${failure.error.message}`;
  switch (failure.action) {
    case 'surface':
      return { kind: 'throw', error: failure.error };
    case 'failover-provider':
      for (const member of run.pool.members) if (member.providerId === model.providerId) run.exclude(member.key, `provider ${model.providerId} rejected the credentials`);
      return { kind: 'failover' };
    case 'failover-larger-context': {
      const window = model.contextWindow;
      for (const member of run.pool.members) {
        if (member.key === model.key || (window !== undefined && (member.contextWindow ?? Infinity) <= window)) {
          run.exclude(member.key, `context window too small (${model.key} overflowed)`);
        }
      }
      return { kind: 'failover' };
    }
    case 'failover':
      run.exclude(model.key, why);
      return { kind: 'failover' };
    case 'retry': {
      const used = run.attemptsOn(model.key);
      if (used >= retry.maxAttemptsPerModel) {
        run.exclude(model.key, why);
        return { kind: 'failover' };
      }
      const retryAfter = retryAfterVerdict(retry, failure.retryAfterMs, run.signals.remaining());
      if (retryAfter === 'wait') {
        // The provider said when: wait exactly that long (its standby ends then), then the same model.
        return { kind: 'retry-same', delayMs: spacedDelay(run.attemptTimesOn(model.key), ctx.clock.now(), failure.retryAfterMs ?? 0) };
      }
      if (retryAfter !== undefined) {
        const seconds = (failure.retryAfterMs ?? 0) / 1000;
        if (retryAfter === 'too-long') parkFor(ctx, run, model, failure, `Retry-After ${seconds}s is longer than retry.max_retry_after`);
        // A parked model may still come back within the deadline (wait for recovery); one left active must not be picked again.
        if (ctx.health.availability(model.key) !== 'unavailable') {
          run.exclude(model.key, `${why} (Retry-After ${seconds}s ${retryAfter === 'too-long' ? 'is too long' : 'does not fit the deadline'})`);
        }
        return { kind: 'failover' };
      }
      // In standby now (e.g. a 429): let other candidates serve; wait-for-recovery may bring it back.
      if (ctx.health.availability(model.key) === 'unavailable') return { kind: 'failover' };
      const delayMs = spacedDelay(run.attemptTimesOn(model.key), ctx.clock.now(), backoffDelay(retry, used, ctx.random));
      // After a timeout, another try on the same model only helps if it can run its full attempt time.
      const needed = ProviderTimeoutError.isInstance(failure.error) ? delayMs + run.pool.definition.policy.timeouts.attemptMs : delayMs;
      if (needed >= run.signals.remaining()) {
        run.exclude(model.key, why);
        return { kind: 'failover' };
      }
      return { kind: 'retry-same', delayMs };
    }
  }
}

/**
 * A long Retry-After on a status that did not already park the model (a 503): standby for that
 * long, unless the pool turned rate-limit standby off (`deactivation.on_rate_limit: false`).
 */
function parkFor(ctx: RouterContext, run: RequestRun, model: MeshModel, failure: FailureClass, detail: string): void {
  if (failure.retryAfterMs === undefined || !run.pool.definition.policy.health.onRateLimit || ctx.health.availability(model.key) === 'unavailable') return;
  ctx.health.deactivate(model.key, 'rate-limited', ctx.clock.now() + failure.retryAfterMs, detail);
}

function emitAttemptFailed(ctx: RouterContext, run: RequestRun, model: MeshModel, error: ModelMeshError, next: 'retry-same' | 'failover' | 'surface' | 'fallback', delayMs: number): void {
  if (!ctx.events.has('attempt.failed')) return;
  const status = (error as { status?: unknown }).status;
  ctx.events.emit('attempt.failed', {
    requestId: run.id,
    poolName: run.pool.definition.name,
    modelKey: model.key,
    providerId: model.providerId,
    attempt: run.attempts,
    error: { name: error.name, message: error.message, retryable: error.retryable, ...(typeof status === 'number' ? { status } : {}) },
    next,
    delayMs,
    at: ctx.clock.now(),
  });
}

async function waitForRecoveryOrThrow(ctx: RouterContext, run: RequestRun, statuses: readonly CandidateStatus[]): Promise<void> {
  const definition = run.pool.definition;
  const now = ctx.clock.now();
  const recovering = statuses.filter((s) => s.recovering).map((s) => s.model.key);
  const earliest = recovering.length > 0 ? ctx.health.earliestRecovery(recovering) : undefined;
  if (run.attempts >= definition.policy.retry.maxAttempts) throw run.exhaustedError();
  // A model on its half-open trial may be back any moment: look again shortly rather than give up.
  const trialRunning = statuses.some((s) => s.recovering && s.health.state === 'half-open');
  const wakeAt = Math.min(earliest ?? Infinity, trialRunning ? now + TRIAL_POLL_MS : Infinity);
  if (definition.policy.waitForRecovery && wakeAt < run.signals.deadlineAt) {
    await sleep(ctx.clock, wakeAt - now, run.signals.signal).catch(() => throwIfAborted(run));
    return;
  }
  if (run.attempts === 0 && run.budgetRefusal) throw run.budgetRefusal;
  if (run.attempts > 0) throw run.exhaustedError();
  if (recovering.length > 0) {
    const retryAfter = earliest === undefined ? undefined : Math.max(0, Math.ceil((earliest - now) / 1000));
    throw new NoActiveModelError({ poolName: definition.name, recoversAt: earliest, retryAfter, details: { skipped: skippedReasons(statuses) } });
  }
  throw new RoutingError({
    poolName: definition.name,
    message: `No model in pool "${definition.name}" can serve this request: ${statuses.map((s) => `${s.model.key}: ${s.skipped}`).join('; ') || 'the pool is empty'}`,
    details: { skipped: skippedReasons(statuses) },
  });
}

function skippedReasons(statuses: readonly CandidateStatus[]): Record<string, string> {
  return Object.fromEntries(statuses.map((s) => [s.model.key, s.skipped ?? 'eligible']));
}
