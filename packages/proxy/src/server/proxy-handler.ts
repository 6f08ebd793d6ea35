import type { IncomingMessage, ServerResponse } from 'node:http';
import { MemoryStateStore, systemClock, type Clock, type MeshClient, type MeshConfig, type ProxyConfig, type StateStore } from '@modelmesh/core';
import { KeyRateLimiter } from '../auth/key-rate-limiter.js';
import { dialectError } from '../http/error-dialect.js';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';
import { sendFailure, type HeaderMap } from '../http/send-response.js';
import { ProxyMetrics } from '../metrics/proxy-metrics.js';
import { resolveProxySettings, type ProxySettings, type ProxySettingsInput } from '../proxy-settings.js';
import { ConfigReloader, type ReloadResult } from '../reload/config-reloader.js';
import { ProxyRuntime } from '../reload/proxy-runtime.js';
import type { ReloadSource } from '../reload/reload-source.js';
import { StatusRecorder } from '../status/status-recorder.js';
import type { Exchange, ProxyContext } from './proxy-context.js';
import { matchRoute, type Route } from './route-table.js';
import { serveExchange } from './serve-exchange.js';
import { stderrLog } from './internal-error-log.js';
import type { ProxyMessage } from './startup-messages.js';

/** Options of {@link createProxyHandler}. */
export interface ProxyHandlerOptions {
  /** The mesh to serve. The proxy never closes it: its owner does. */
  readonly mesh: MeshClient;
  /** Proxy settings: `config.proxy` of a loaded config, or any part of it. */
  readonly settings?: ProxySettingsInput | ProxyConfig | ProxySettings;
  /** Clock for key rate windows, the slow-body guard and the drain grace period (tests pass a `ManualClock`). */
  readonly clock?: Clock;
  /** Where per-key request counters live; share one (e.g. Redis) across proxy processes. Default: in memory. */
  readonly stateStore?: StateStore;
  /** Receives a redacted line, with the request id, for every request answered with 500 (default: stderr), and each reload. */
  readonly log?: (message: ProxyMessage) => void;
  /** The configuration `mesh` was built from: `GET /admin/config` shows it (redacted). */
  readonly config?: MeshConfig;
  /** Where `POST /admin/reload` and {@link ProxyHandler.reload} read the configuration again (e.g. {@link configFileSource}). */
  readonly reload?: ReloadSource;
}

/**
 * A Node `request` listener serving the OpenAI-compatible API over a mesh, usable on any
 * `node:http` server (or in-process in tests), with the state a server needs for a
 * graceful shutdown.
 */
export interface ProxyHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** The resolved settings. */
  readonly settings: ProxySettings;
  /** Requests being served now (all endpoints). */
  readonly inFlight: number;
  /** True once {@link ProxyHandler.startDrain} was called. */
  readonly draining: boolean;
  /** Stops taking API requests (503) and fails readiness; in-flight requests go on. */
  startDrain(): void;
  /** Resolves when no request is in flight. */
  whenIdle(): Promise<void>;
  /** Ends every in-flight request (upstream calls are aborted, streams get an error event); returns how many. */
  abortInFlight(): number;
  /** Calls `listener` after each response is done (servers close idle sockets while draining). */
  onResponseDone(listener: () => void): void;
  /** The Prometheus exposition text. */
  metricsText(): string;
  /** The mesh requests go to now (a reload replaces it). */
  readonly mesh: MeshClient;
  /**
   * Reads the configuration again and swaps it in without dropping requests (what SIGHUP and
   * `POST /admin/reload` do). An invalid configuration is refused with every problem, logged,
   * and the running one stays.
   */
  reload(): Promise<ReloadResult>;
  /** Unsubscribes from the mesh's events and closes the meshes reloads built. */
  dispose(): void;
}

interface InFlight {
  /** Aborts the request's mesh call (client gone, forced shutdown). */
  readonly abort: AbortController;
  readonly res: ServerResponse;
}

const shuttingDown = () =>
  httpFailure(503, 'The proxy is shutting down; retry on another instance', 'server_error', { code: 'shutting_down', headers: { 'retry-after': '1', connection: 'close' } });

/** Builds the request listener. Throws a TypeError for a malformed key. */
export function createProxyHandler(options: ProxyHandlerOptions): ProxyHandler {
  const settings = resolveProxySettings(options.settings);
  const clock = options.clock ?? systemClock;
  const inFlight = new Set<InFlight>();
  const idleWaiters: Array<() => void> = [];
  const doneListeners: Array<() => void> = [];
  let activeApi = 0;
  let draining = false;

  const log = options.log ?? stderrLog;
  const runtime = new ProxyRuntime(options.mesh, settings, settings.adminKeys, options.config);
  const recorder = new StatusRecorder(clock);
  const drainController = new AbortController();
  const metrics = new ProxyMetrics(() => runtime.mesh, () => activeApi);
  runtime.live.onMesh((mesh) => metrics.attach(mesh));
  runtime.live.onMesh((mesh) => recorder.attach(mesh));
  const reloader = new ConfigReloader(runtime, options.reload, log, recorder, clock, () => draining);
  const ctx: ProxyContext = {
    get mesh() {
      return runtime.mesh;
    },
    settings,
    get keys() {
      return runtime.keys;
    },
    limiter: new KeyRateLimiter(options.stateStore ?? new MemoryStateStore(clock), clock),
    get cors() {
      return runtime.cors;
    },
    metrics,
    get access() {
      return runtime.access;
    },
    clock,
    isDraining: () => draining,
    log,
    ops: { runtime, recorder, reloader, draining: drainController.signal },
  };
  const { maxConcurrent } = settings.limits;

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const headers: HeaderMap = ctx.cors.responseHeaders(req);
    if (draining) headers['connection'] = 'close';
    if (req.method === 'OPTIONS') return preflight(ctx, req, res);
    const match = matchRoute(path);
    if (!match || match.route.method !== req.method) {
      const status = match ? 405 : 404;
      const message = match ? `Method ${req.method ?? ''} not allowed on ${path}` : `Unknown request URL: ${req.method ?? ''} ${path}`;
      sendFailure(res, httpFailure(status, message, 'invalid_request_error', { code: match ? 'method_not_allowed' : 'unknown_url' }), headers);
      req.resume();
      return;
    }
    const { route, param } = match;
    if (route.api && draining) return refuse(res, req, shuttingDown(), headers, route);
    if (route.api && maxConcurrent !== undefined && activeApi >= maxConcurrent) {
      // 503, not 429: the server is full, not the client over its quota; Retry-After asks for a short wait.
      const full = httpFailure(503, `The proxy is serving its maximum of ${maxConcurrent} concurrent requests`, 'server_error', { code: 'overloaded', headers: { 'retry-after': '1' } });
      metrics.observeHttp(route.endpoint, undefined, undefined, dialectError(full, route.dialect ?? 'openai').status);
      return refuse(res, req, full, headers, route);
    }
    const entry: InFlight = { abort: new AbortController(), res };
    inFlight.add(entry);
    if (route.api) activeApi++;
    // A reload retires the mesh this request runs on only once it is done.
    const release = route.api ? runtime.live.lease() : undefined;
    const ex: Exchange = { req, res, signal: entry.abort.signal, headers, trace: { attempts: 0 }, key: undefined };
    // `on`, not `once`: 'close' comes once, and `once` wraps the listener (memory per open stream).
    res.on('close', () => {
      // Closed before the response was complete: the client left, so the upstream call stops.
      if (!res.writableFinished) entry.abort.abort(new HttpFailureError(httpFailure(499, 'Client closed the request', 'invalid_request_error')));
      inFlight.delete(entry);
      if (route.api) activeApi--;
      release?.();
      metrics.observeHttp(route.endpoint, ex.trace.poolName, ex.trace.modelKey, res.writableFinished ? res.statusCode : 499);
      for (const done of doneListeners) done();
      if (inFlight.size === 0) idleWaiters.splice(0).forEach((wake) => wake());
    });
    // serveExchange answers its own errors; this only guards against a failure while answering.
    serveExchange(ctx, ex, route, param).catch(() => res.destroy());
  };

  // defineProperties, not Object.assign: assign would copy the getters' current values.
  Object.defineProperties(listener, {
    inFlight: { get: () => inFlight.size, enumerable: true },
    draining: { get: () => draining, enumerable: true },
    mesh: { get: () => runtime.mesh, enumerable: true },
  });
  return Object.assign(listener as typeof listener & { readonly inFlight: number; readonly draining: boolean; readonly mesh: MeshClient }, {
    settings,
    startDrain() {
      draining = true;
      drainController.abort();
      // Responses not yet started tell their clients to reconnect elsewhere.
      for (const entry of inFlight) if (!entry.res.headersSent) entry.res.shouldKeepAlive = false;
    },
    whenIdle() {
      return inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    abortInFlight() {
      const count = inFlight.size;
      for (const entry of inFlight) entry.abort.abort(new HttpFailureError(shuttingDown()));
      return count;
    },
    onResponseDone(done: () => void) {
      doneListeners.push(done);
    },
    metricsText: () => metrics.render(),
    reload: () => reloader.reload(),
    dispose() {
      void runtime.live.close();
    },
  });
}

function refuse(res: ServerResponse, req: IncomingMessage, failure: ReturnType<typeof httpFailure>, headers: HeaderMap, route: Route): void {
  req.resume();
  sendFailure(res, failure, headers, route.dialect);
}

/** CORS preflight: 204 with the allow headers for a listed origin, 403 otherwise. */
function preflight(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  const allowed = ctx.cors.preflightHeaders(req);
  if (!allowed) {
    sendFailure(res, httpFailure(403, 'Origin not allowed', 'invalid_request_error', { code: 'cors_origin_not_allowed' }), ctx.cors.enabled ? { vary: 'Origin' } : {});
    return;
  }
  res.writeHead(204, { ...allowed, 'content-length': '0' });
  res.end();
}
