import type { MiddlewareContext } from '../middleware/middleware.js';
import type { AttemptTimeouts, ProviderCall, RateLimitSnapshot } from '@modelmesh/provider';
import type { MeshModel } from './mesh-model.js';
import type { RequestRun } from './request-run.js';

/** The middleware context of one attempt: plain data, so a `{ ...context }` copy keeps everything. */
export class AttemptContext implements MiddlewareContext {
  readonly requestId: string;
  readonly poolName: string;
  readonly modelKey: string;
  readonly modelId: string;
  readonly providerId: string;
  readonly connector: string;
  readonly attempt: number;
  readonly stream: boolean;
  readonly signal: AbortSignal;
  readonly metadata: Record<string, unknown>;
  cost?: number;

  constructor(run: RequestRun, model: MeshModel, signal: AbortSignal) {
    this.requestId = run.id;
    this.poolName = run.pool.definition.name;
    this.modelKey = model.key;
    this.modelId = model.modelId;
    this.providerId = model.providerId;
    this.connector = model.connector;
    this.attempt = run.attempts;
    this.stream = run.needs.stream;
    this.signal = signal;
    this.metadata = { ...run.options.metadata };
  }
}

/** What a provider gets for one attempt: plain data, so a `{ ...call }` copy keeps everything. */
export class AttemptCall implements ProviderCall {
  readonly signal: AbortSignal;
  readonly timeouts: AttemptTimeouts;
  readonly headers: Record<string, string> | undefined;
  readonly reportRateLimit: (snapshot: RateLimitSnapshot) => void;

  constructor(signal: AbortSignal, timeouts: AttemptTimeouts, headers: Record<string, string> | undefined, reportRateLimit: (snapshot: RateLimitSnapshot) => void) {
    this.signal = signal;
    this.timeouts = timeouts;
    this.headers = headers;
    this.reportRateLimit = reportRateLimit;
  }
}
