import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, MeshClient } from '@modelmesh/core';
import type { KeyRateLimiter } from '../auth/key-rate-limiter.js';
import type { KeyTable, ProxyKey } from '../auth/key-table.js';
import type { CorsPolicy } from '../http/cors.js';
import type { HeaderMap } from '../http/send-response.js';
import type { ProxyMetrics } from '../metrics/proxy-metrics.js';
import type { ProxySettings } from '../proxy-settings.js';
import type { RequestTrace } from '../request-trace.js';
import type { PoolAccess } from '../routes/pool-access.js';
import type { ProxyMessage } from './startup-messages.js';
import type { Operations } from '../admin/operations.js';

/**
 * Everything the routes share, built once per handler. `mesh`, `keys`, `cors` and `access`
 * are read at each use: a config reload replaces them.
 */
export interface ProxyContext {
  readonly mesh: MeshClient;
  readonly settings: ProxySettings;
  readonly keys: KeyTable;
  readonly limiter: KeyRateLimiter;
  readonly cors: CorsPolicy;
  readonly metrics: ProxyMetrics;
  readonly access: PoolAccess;
  readonly clock: Clock;
  /** True once `drain()` began: readiness fails and new API requests are refused. */
  readonly isDraining: () => boolean;
  /** Where requests answered with 500 are logged. */
  readonly log: (message: ProxyMessage) => void;
  /** The status page, the admin API and reload. */
  readonly ops: Operations;
}

/** One HTTP request being served. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Aborted when the client goes away or a forced shutdown ends the request. */
  readonly signal: AbortSignal;
  /** Headers every answer carries (CORS; `connection: close` while draining). */
  readonly headers: HeaderMap;
  /** What the mesh's events said about this request. */
  readonly trace: RequestTrace;
  /** The key the request authenticated with (undefined when auth is off). */
  key: ProxyKey | undefined;
}
