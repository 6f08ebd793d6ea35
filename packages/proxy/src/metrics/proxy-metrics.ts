import type { MeshClient } from '@modelmesh/core';
import { Counter, Gauge, Histogram, type SeriesFilter } from './metric-families.js';
import type { MetricsScope } from './metrics-scope.js';

/** Status codes as label text, made once each (the label lookup then reuses the same string). */
const statusLabels: string[] = [];
const statusLabel = (status: number): string => (statusLabels[status] ??= String(status));

/** Which label of a family a {@link MetricsScope} checks: its kind, and its position. */
type ScopeLabel = readonly [keyof MetricsScope, number];

/** Latency buckets in seconds: LLM calls take from tens of milliseconds to minutes. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** The proxy's Prometheus metrics: HTTP requests it answered, and what the mesh did for them. */
export class ProxyMetrics {
  readonly httpRequests = new Counter('modelmesh_http_requests_total', 'HTTP requests answered by the proxy, by endpoint, pool, model and status.', ['endpoint', 'pool', 'model', 'status']);
  readonly attempts = new Counter('modelmesh_attempts_total', 'Attempts made on models (retries and failovers included).', ['pool', 'model', 'provider']);
  readonly attemptFailures = new Counter('modelmesh_attempt_failures_total', 'Failed attempts, by what the router did next.', ['pool', 'model', 'provider', 'next']);
  readonly recoveries = new Counter('modelmesh_stream_recoveries_total', 'Streams that broke after content and were continued (prefill) or restarted on another model.', ['pool', 'from_model', 'to_model', 'mode']);
  readonly failovers = new Counter('modelmesh_failovers_total', 'Requests moved from one model to another.', ['pool', 'from_model', 'to_model']);
  readonly latency = new Histogram('modelmesh_request_duration_seconds', 'Time from routing to the answer (to the end of the stream for streams).', ['pool', 'model', 'outcome'], LATENCY_BUCKETS);
  readonly tokens = new Counter('modelmesh_tokens_total', 'Tokens used, by type (prompt, completion).', ['pool', 'model', 'type']);
  readonly cost = new Counter('modelmesh_cost_usd_total', 'Cost in USD of answered requests.', ['pool', 'model']);
  readonly cacheHits = new Counter('modelmesh_cache_hits_total', 'Requests answered from a cache (no provider called, $0).', ['pool']);
  readonly deactivations = new Counter('modelmesh_model_deactivations_total', 'Models taken out of rotation, by reason.', ['model', 'provider', 'reason']);
  readonly malformedEvents = new Counter('modelmesh_stream_malformed_events_total', 'Stream events that were not JSON, skipped (more than retry.max_malformed_events break the stream).', ['pool', 'model', 'provider']);
  readonly budgetRefusals = new Counter('modelmesh_budget_exceeded_total', 'Budgets that refused or were crossed, by action.', ['budget', 'scope', 'action']);
  readonly storeOutages = new Counter('modelmesh_state_store_unavailable_total', 'Times the shared state store (Redis) became unavailable.', ['store']);
  /** Per store: 1 while it answers, 0 while the mesh serves from local state (or refuses). */
  private readonly storeUp = new Map<string, number>();
  /** The families in exposition order, each with the label (kind and position) a scope filters it by. */
  private readonly exposition: ReadonlyArray<readonly [{ render(keep?: SeriesFilter): string }, ScopeLabel | undefined]>;

  /** @param meshOf the mesh serving requests now (a reload replaces it). */
  constructor(
    private readonly meshOf: () => MeshClient,
    inFlight: () => number,
  ) {
    const inFlightGauge = new Gauge('modelmesh_http_in_flight', 'API requests being served now.', [], () => [[[], inFlight()]]);
    const storeUp = new Gauge('modelmesh_state_store_up', 'Shared state store: 1 answering, 0 unavailable (state.on_unavailable decides what the mesh does meanwhile).', ['store'], () =>
      [...this.storeUp].map(([store, up]) => [[store], up] as const),
    );
    const modelUp = new Gauge('modelmesh_model_up', 'Model health: 1 active (or on trial), 0 in standby.', ['model', 'provider'], () => this.modelHealth());
    this.exposition = [
      [this.httpRequests, ['pool', 1]],
      // A total without labels: load, not whose.
      [inFlightGauge, undefined],
      [this.attempts, ['pool', 0]],
      [this.attemptFailures, ['pool', 0]],
      [this.failovers, ['pool', 0]],
      [this.recoveries, ['pool', 0]],
      [this.latency, ['pool', 0]],
      [this.tokens, ['pool', 0]],
      [this.cost, ['pool', 0]],
      [this.cacheHits, ['pool', 0]],
      [modelUp, ['model', 0]],
      [this.deactivations, ['model', 0]],
      [this.malformedEvents, ['pool', 0]],
      [this.budgetRefusals, ['budget', 1]],
      [this.storeOutages, undefined],
      [storeUp, undefined],
    ];
  }

  /** Subscribes to `mesh`'s events; returns the function that unsubscribes. */
  attach(mesh: MeshClient): () => void {
    const offs = [
      mesh.on('request.routed', (e) => this.attempts.inc([e.poolName, e.modelKey, e.providerId])),
      mesh.on('attempt.failed', (e) => this.attemptFailures.inc([e.poolName, e.modelKey, e.providerId, e.next])),
      mesh.on('request.failover', (e) => this.failovers.inc([e.poolName, e.fromModel, e.toModel])),
      mesh.on('stream.recovered', (e) => this.recoveries.inc([e.poolName, e.fromModel, e.toModel, e.mode])),
      mesh.on('request.completed', (e) => {
        const model = e.modelKey ?? 'none';
        this.latency.observe([e.poolName, model, e.ok ? 'ok' : 'error'], e.latencyMs / 1000);
        if (!e.ok) return;
        if (e.cacheHit) {
          this.cacheHits.inc([e.poolName]);
          return;
        }
        if (e.usage) {
          this.tokens.inc([e.poolName, model, 'prompt'], e.usage.prompt_tokens);
          this.tokens.inc([e.poolName, model, 'completion'], e.usage.completion_tokens);
        }
        this.cost.inc([e.poolName, model], e.cost);
      }),
      mesh.on('model.deactivated', (e) => this.deactivations.inc([e.modelKey, e.providerId, e.reason])),
      mesh.on('budget.exceeded', (e) => this.budgetRefusals.inc([e.budget, e.scope, e.action])),
      mesh.on('stream.malformed_event', (e) => this.malformedEvents.inc([e.poolName, e.modelKey, e.providerId])),
      mesh.on('state.unavailable', (e) => {
        this.storeOutages.inc([e.store]);
        this.storeUp.set(e.store, 0);
      }),
      mesh.on('state.restored', (e) => this.storeUp.set(e.store, 1)),
    ];
    return () => offs.forEach((off) => off());
  }

  /** Counts one answered HTTP request. */
  observeHttp(endpoint: string, pool: string | undefined, model: string | undefined, status: number): void {
    this.httpRequests.inc([endpoint, pool ?? '', model ?? '', statusLabel(status)]);
  }

  /** The exposition text: every series, or only those `scope` lets a restricted key see. */
  render(scope?: MetricsScope): string {
    let text = '';
    for (const [family, label] of this.exposition) {
      text += family.render(scope && label ? (values) => scope[label[0]](values[label[1]] ?? '') : undefined);
    }
    return text;
  }

  private modelHealth(): Array<readonly [readonly string[], number]> {
    const seen = new Map<string, readonly [readonly string[], number]>();
    for (const pool of Object.values(this.meshOf().poolStatus())) {
      for (const model of pool.models) seen.set(model.model, [[model.model, model.provider], model.status === 'standby' ? 0 : 1]);
    }
    return [...seen.values()];
  }
}
