import { ModelMeshError, ProviderTimeoutError, type ProviderCall } from '@modelmesh/provider';
import type { StandbyReason } from '../health/health-types.js';
import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { MeshModel, PoolDefinition } from './mesh-model.js';

/** The health operations a prober needs. */
export interface ProbedHealth {
  state(modelKey: string): { readonly state: string; readonly reason?: StandbyReason };
  /** Ends a standby now, as if its cooldown had run out. */
  endStandby(modelKey: string): boolean;
  deactivate(modelKey: string, reason: StandbyReason, until: number, detail?: string): void;
}

/** Standbys a probe can end: the model's own health. Quotas, budgets, Retry-After and operators end by themselves. */
const PROBED_REASONS: ReadonlySet<string> = new Set(['errors', 'error-rate', 'auth']);

/** Longest wait for a probe's answer: a probe that hangs says as much as one that fails. */
export const PROBE_TIMEOUT_MS = 10_000;

interface Target {
  readonly model: MeshModel;
  /** The shortest `probe_interval` of the pools the model is in; undefined for none. */
  readonly intervalMs: number | undefined;
  readonly onStart: boolean;
  /** The cooldown a failed start-up probe puts it in standby for. */
  readonly cooldownMs: number;
  readonly connectMs: number;
  lastProbeAt: number;
}

/**
 * Background health probes (`recovery.probe_interval`, `recovery.probe_on_start`). At
 * start it probes every model of a pool that asks for it, once; a model that fails starts
 * in standby. Then, every interval, it probes the models in standby for their own health
 * (errors, credentials) and ends the standby of each that answers: it returns as its cooldown
 * would have, through a half-open trial when the pool uses one. A probe is the provider's
 * `probe()` (free where the plugin has one, such as a model list), else a chat request with
 * `max_tokens: 1`, and never more often than the interval per model. Its timer does not keep
 * a process alive (a probe is no one's request), and {@link HealthProber.stop} ends it.
 */
export class HealthProber {
  readonly #targets: Target[];
  readonly #tickMs: number | undefined;
  readonly #running = new Set<string>();
  readonly #controller = new AbortController();
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(
    private readonly health: ProbedHealth,
    private readonly clock: Clock,
    pools: Iterable<{ readonly definition: PoolDefinition; readonly members: readonly MeshModel[] }>,
  ) {
    const byKey = new Map<string, Target>();
    for (const { definition, members } of pools) {
      const { probe, health: policy, timeouts } = definition.policy;
      if (probe.intervalMs === undefined && !probe.onStart) continue;
      for (const model of members) {
        const known = byKey.get(model.key);
        byKey.set(model.key, {
          model,
          intervalMs: minDefined(known?.intervalMs, probe.intervalMs),
          onStart: (known?.onStart ?? false) || probe.onStart,
          cooldownMs: Math.min(known?.cooldownMs ?? Infinity, policy.cooldown),
          connectMs: Math.min(known?.connectMs ?? Infinity, timeouts.connectMs),
          lastProbeAt: -Infinity,
        });
      }
    }
    this.#targets = [...byKey.values()];
    const intervals = this.#targets.map((t) => t.intervalMs).filter((ms): ms is number => ms !== undefined);
    this.#tickMs = intervals.length > 0 ? Math.min(...intervals) : undefined;
  }

  /** True when some pool asks for probes. */
  get active(): boolean {
    return this.#targets.length > 0;
  }

  /** Runs the start-up probes and arms the interval. */
  start(): void {
    for (const target of this.#targets) if (target.onStart) void this.#probe(target, true);
    this.#schedule();
  }

  /** Stops the timer and aborts the probes in flight. Idempotent. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller.abort(new ModelMeshError({ message: 'The mesh was closed' }));
  }

  /** Probes every model in standby whose interval has passed (what each timer tick does). */
  async tick(): Promise<void> {
    const now = this.clock.now();
    const due = this.#targets.filter((t) => t.intervalMs !== undefined && now - t.lastProbeAt >= t.intervalMs && this.#probeable(t.model.key));
    await Promise.all(due.map((target) => this.#probe(target, false)));
  }

  #schedule(): void {
    if (this.#stopped || this.#tickMs === undefined) return;
    this.#timer = this.clock.setTimeout(() => {
      void this.tick().finally(() => this.#schedule());
    }, this.#tickMs);
    // A background probe must not keep a finished process alive (Node timers have unref).
    (this.#timer as { unref?: () => void } | undefined)?.unref?.();
  }

  #probeable(modelKey: string): boolean {
    const state = this.health.state(modelKey);
    return state.state === 'standby' && state.reason !== undefined && PROBED_REASONS.has(state.reason);
  }

  async #probe(target: Target, atStart: boolean): Promise<void> {
    const { model } = target;
    if (this.#running.has(model.key) || this.#stopped) return;
    this.#running.add(model.key);
    target.lastProbeAt = this.clock.now();
    const controller = new AbortController();
    const onClose = () => controller.abort(this.#controller.signal.reason);
    this.#controller.signal.addEventListener('abort', onClose, { once: true });
    const timer = this.clock.setTimeout(() => controller.abort(new ProviderTimeoutError({ providerId: model.providerId, modelId: model.modelId, timeoutSeconds: PROBE_TIMEOUT_MS / 1000, phase: 'attempt' })), PROBE_TIMEOUT_MS);
    (timer as { unref?: () => void } | undefined)?.unref?.();
    const call: ProviderCall = {
      signal: controller.signal,
      timeouts: { connect: target.connectMs, headers: PROBE_TIMEOUT_MS, firstByte: PROBE_TIMEOUT_MS, attempt: PROBE_TIMEOUT_MS },
    };
    try {
      await raceAbort(this.#send(model, call), controller.signal);
      if (!this.#stopped && !atStart && this.#probeable(model.key)) this.health.endStandby(model.key);
    } catch (error) {
      if (atStart && !this.#stopped && this.health.state(model.key).state === 'active') {
        const detail = `start-up probe failed: ${ModelMeshError.isInstance(error) || error instanceof Error ? error.message : String(error)}`;
        this.health.deactivate(model.key, 'errors', this.clock.now() + target.cooldownMs, detail);
      }
    } finally {
      this.clock.clearTimeout(timer);
      this.#controller.signal.removeEventListener('abort', onClose);
      this.#running.delete(model.key);
    }
  }

  #send(model: MeshModel, call: ProviderCall): Promise<unknown> {
    const { provider } = model;
    if (provider.probe) return provider.probe(model.modelId, call);
    return provider.chat({ model: model.modelId, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 }, call);
  }
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (a provider that ignores its signal cannot hold a probe). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
