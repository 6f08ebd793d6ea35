import { redactText, type Clock, type MeshClient } from '@modelmesh/core';
import { ModelWindow } from './model-window.js';

/** How many recent events the page lists. */
const EVENT_LIMIT = 50;

/** What kind of thing happened, for the page's event list. */
export type StatusEventKind = 'failover' | 'error' | 'standby' | 'recovered' | 'budget' | 'reload' | 'admin';

/** One line of the page's "recent events". */
export interface StatusEvent {
  readonly at: number;
  readonly kind: StatusEventKind;
  /** Redacted text. */
  readonly text: string;
  readonly pool?: string;
  readonly model?: string;
}

/** Why a model last went to standby, as its event said. */
export interface StandbyNote {
  readonly reason: string;
  readonly detail?: string;
}

/**
 * Listens to the mesh's events for the status page: per-model figures in a rolling window
 * ({@link ModelWindow}), the recent failovers, errors and health changes, and the detail of each
 * model's last standby. Tells its subscribers when something worth a redraw happened.
 */
export class StatusRecorder {
  private readonly windows = new Map<string, ModelWindow>();
  private readonly recent: StatusEvent[] = [];
  private readonly standby = new Map<string, StandbyNote>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  /** Subscribes to `mesh`'s events; returns the function that unsubscribes. */
  attach(mesh: MeshClient): () => void {
    const offs = [
      mesh.on('request.completed', (e) => {
        if (!e.ok || e.modelKey === undefined) return;
        const tokens = e.usage ? (e.usage.total_tokens ?? e.usage.prompt_tokens + e.usage.completion_tokens) : 0;
        this.window(e.modelKey).answered(e.at, e.latencyMs, e.timeToFirstTokenMs, tokens, e.cost);
        this.changed();
      }),
      mesh.on('attempt.failed', (e) => {
        this.window(e.modelKey).failed(e.at);
        const status = e.error.status !== undefined ? `HTTP ${e.error.status}` : e.error.name;
        this.note({ at: e.at, kind: 'error', pool: e.poolName, model: e.modelKey, text: `${e.modelKey}: ${status}: ${e.error.message} (next: ${e.next})` });
      }),
      mesh.on('request.failover', (e) => this.note({ at: e.at, kind: 'failover', pool: e.poolName, model: e.toModel, text: `${e.poolName}: ${e.fromModel} → ${e.toModel}` })),
      mesh.on('model.deactivated', (e) => {
        this.standby.set(e.modelKey, { reason: e.reason, ...(e.detail !== undefined ? { detail: redactText(e.detail) } : {}) });
        this.note({ at: e.at, kind: 'standby', model: e.modelKey, text: `${e.modelKey} to standby (${e.reason}${e.detail ? `: ${e.detail}` : ''})` });
      }),
      mesh.on('model.recovered', (e) => {
        this.standby.delete(e.modelKey);
        this.note({ at: e.at, kind: 'recovered', model: e.modelKey, text: `${e.modelKey} back in rotation (was ${e.reason})` });
      }),
      mesh.on('budget.exceeded', (e) => this.note({ at: e.at, kind: 'budget', text: `budget ${e.budget} (${e.scope}) ${e.action === 'warn' ? 'crossed' : 'refused a request'}: ${e.used} of ${e.limit}` })),
      mesh.on('budget.alert', (e) => this.note({ at: e.at, kind: 'budget', text: `budget ${e.budget} (${e.scope}) at its alert threshold: ${e.used} of ${e.limit}` })),
    ];
    return () => offs.forEach((off) => off());
  }

  /** Adds a line of the proxy's own (a reload, an admin action). */
  note(event: Omit<StatusEvent, 'text'> & { readonly text: string }): void {
    this.recent.push({ ...event, text: redactText(event.text) });
    if (this.recent.length > EVENT_LIMIT) this.recent.shift();
    this.changed();
  }

  /** Recent events, newest first. */
  events(): readonly StatusEvent[] {
    return [...this.recent].reverse();
  }

  /** The reason and detail of the model's last standby, while the page may show it. */
  standbyNote(modelKey: string): StandbyNote | undefined {
    return this.standby.get(modelKey);
  }

  /** Figures of every model seen, by key. */
  figures(): Map<string, ReturnType<ModelWindow['figures']>> {
    const now = this.clock.now();
    return new Map([...this.windows].map(([key, window]) => [key, window.figures(now)]));
  }

  /** Calls `listener` after each change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private window(modelKey: string): ModelWindow {
    let window = this.windows.get(modelKey);
    if (!window) this.windows.set(modelKey, (window = new ModelWindow()));
    return window;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
