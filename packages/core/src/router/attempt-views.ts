import type { MiddlewareContext } from '../middleware/middleware.js';
import type { AttemptTimeouts, ProviderCall, RateLimitSnapshot } from '@modelmesh/provider';
import type { AbortWatch } from '../runtime/abort-link.js';
import type { MeshModel } from './mesh-model.js';
import type { AttemptSignal } from './request-signals.js';
import type { RequestRun } from './route-loop.js';

// Classes rather than object literals with getters: a literal with an accessor is built on a
// slow path (about 20× a plain object), and two are made for every attempt.

/** The middleware context of one attempt. `signal` is an accessor: its AbortSignal is made on first read. */
export class AttemptContext implements MiddlewareContext {
  readonly requestId: string;
  readonly poolName: string;
  readonly modelKey: string;
  readonly modelId: string;
  readonly providerId: string;
  readonly connector: string;
  readonly attempt: number;
  readonly stream: boolean;
  readonly metadata: Record<string, unknown>;
  cost?: number;
  readonly #attempt: AttemptSignal;

  constructor(run: RequestRun, model: MeshModel, attempt: AttemptSignal) {
    this.requestId = run.id;
    this.poolName = run.pool.definition.name;
    this.modelKey = model.key;
    this.modelId = model.modelId;
    this.providerId = model.providerId;
    this.connector = model.connector;
    this.attempt = run.attempts;
    this.stream = run.needs.stream;
    this.metadata = { ...run.options.metadata };
    this.#attempt = attempt;
  }

  get signal(): AbortSignal {
    return this.#attempt.signal;
  }
}

/** What a provider gets for one attempt. `signal` is an accessor: its AbortSignal is made on first read. */
export class AttemptCall implements ProviderCall {
  readonly abortWatch: AbortWatch;
  readonly timeouts: AttemptTimeouts;
  readonly headers: Record<string, string> | undefined;
  readonly reportRateLimit: (snapshot: RateLimitSnapshot) => void;
  readonly #attempt: AttemptSignal;

  constructor(attempt: AttemptSignal, timeouts: AttemptTimeouts, headers: Record<string, string> | undefined, reportRateLimit: (snapshot: RateLimitSnapshot) => void) {
    this.#attempt = attempt;
    this.abortWatch = attempt.watch;
    this.timeouts = timeouts;
    this.headers = headers;
    this.reportRateLimit = reportRateLimit;
  }

  get signal(): AbortSignal {
    return this.#attempt.signal;
  }
}
