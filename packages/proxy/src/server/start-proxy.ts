import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep, systemClock, type ProxyConfig } from '@modelmesh/core';
import { resolveProxySettings, type ProxySettings, type ProxySettingsInput } from '../proxy-settings.js';
import { ConnectionGuard } from './connection-guard.js';
import { defaultMaxConnections } from './descriptor-limit.js';
import { createProxyHandler, type ProxyHandler, type ProxyHandlerOptions } from './proxy-handler.js';
import { authModeOf, startupMessages, type AuthMode, type ProxyMessage } from './startup-messages.js';

/** Options of {@link startProxy}. */
export interface StartProxyOptions extends ProxyHandlerOptions {
  /** Proxy settings: `config.proxy` of a loaded config, or any part of it. */
  readonly settings?: ProxySettingsInput | ProxyConfig;
  /** Overrides `settings.host` (a CLI's `--host`). */
  readonly host?: string;
  /** Overrides `settings.port` (a CLI's `--port`); 0 lets the OS choose. */
  readonly port?: number;
  /** Receives the startup lines (default: printed to stdout) and each request answered with 500 (default: stderr); pass `() => {}` for silence. */
  readonly log?: (message: ProxyMessage) => void;
}

/** What {@link RunningProxy.drain} did. */
export interface DrainResult {
  /** Requests that finished within the grace period. */
  readonly completed: number;
  /** Requests still running when the grace period ended, which were aborted. */
  readonly aborted: number;
}

/** A listening proxy. */
export interface RunningProxy {
  /** Base URL, e.g. `http://127.0.0.1:8080` (the OpenAI base URL is `${url}/v1`). */
  readonly url: string;
  readonly host: string;
  /** The bound port (the OS's choice when 0 was asked). */
  readonly port: number;
  /** How requests are authenticated. */
  readonly auth: AuthMode;
  /** The startup lines, also given to `log`. */
  readonly messages: readonly ProxyMessage[];
  readonly settings: ProxySettings;
  /** The request listener (its metrics and in-flight state). */
  readonly handler: ProxyHandler;
  /** Reloads the configuration from the `reload` source (see {@link ProxyHandler.reload}). */
  reload(): ReturnType<ProxyHandler['reload']>;
  /** The Node server, for what this API does not cover. */
  readonly server: Server;
  /**
   * Graceful shutdown: stops accepting connections, fails readiness, refuses new API
   * requests with 503, lets in-flight requests finish for up to `graceMs` (default
   * `shutdownGraceMs`), aborts the rest, and closes the server.
   */
  drain(graceMs?: number): Promise<DrainResult>;
  /**
   * Closes at once: in-flight requests are aborted. During a drain it ends the grace period
   * early, and the drain's {@link DrainResult} counts these requests as aborted.
   */
  close(): Promise<void>;
  /** `await using proxy = await startProxy(...)` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void>;
}

const defaultLog = (message: ProxyMessage) => console.log(`[modelmesh] ${message.text}`);

/**
 * Starts the OpenAI-compatible proxy over a mesh on plain `node:http`. Refuses (with a
 * ConfigurationError) to start without keys on a non-loopback address.
 */
export async function startProxy(options: StartProxyOptions): Promise<RunningProxy> {
  const settings = resolveProxySettings(options.settings, { ...(options.host !== undefined ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}) });
  const auth = authModeOf(settings);
  const clock = options.clock ?? systemClock;
  const handler = createProxyHandler({ ...options, settings, clock });
  const { limits } = settings;
  const guard = new ConnectionGuard({ maxConnections: limits.maxConnections ?? defaultMaxConnections(), clock });
  const server = createServer(
    {
      headersTimeout: Math.min(limits.headerTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default): check often enough to honour them.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headerTimeoutMs / 4))),
      noDelay: true,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      if (guard.admitRequest(req, res)) handler(req, res);
    },
  );
  guard.attach(server);
  await listen(server, settings.port, settings.host).catch((error: unknown) => {
    handler.dispose();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  const messages = startupMessages(url, settings, auth);
  for (const message of messages) (options.log ?? defaultLog)(message);

  let closing: Promise<void> | undefined;
  const closeServer = () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }).finally(() => handler.dispose()));
  handler.onResponseDone(() => {
    if (handler.draining) server.closeIdleConnections();
  });

  // Every abort during a drain goes through here, whoever asks (the grace period ending, close(),
  // a second signal), so the drain's result counts what was really aborted. The first abort ends
  // every request in flight; a later one finds the same requests still writing their answers, so
  // only the first is counted.
  let abortedInDrain: number | undefined;
  const abortInFlight = (): void => {
    const count = handler.abortInFlight();
    abortedInDrain ??= count;
  };

  let drained: Promise<DrainResult> | undefined;
  const drain = (graceMs = settings.shutdownGraceMs): Promise<DrainResult> =>
    (drained ??= (async () => {
      handler.startDrain();
      const closed = closeServer();
      const before = handler.inFlight;
      const controller = new AbortController();
      const inTime =
        graceMs <= 0
          ? handler.inFlight === 0
          : await Promise.race([handler.whenIdle().then(() => true), sleep(clock, graceMs, controller.signal).then(() => false, () => false)]);
      controller.abort();
      if (!inTime) abortInFlight();
      if ((abortedInDrain ?? 0) > 0) {
        // Let the aborted requests write their 503 or stream error event, briefly, then cut what is left.
        await Promise.race([handler.whenIdle(), new Promise((resolve) => setTimeout(resolve, 100).unref())]);
      }
      server.closeAllConnections();
      await closed;
      const aborted = Math.min(abortedInDrain ?? 0, before);
      return { completed: before - aborted, aborted };
    })());

  const close = async (): Promise<void> => {
    const done = drain(0);
    // A drain already waiting out its grace period ends now.
    abortInFlight();
    await done;
  };

  return {
    url,
    host: settings.host,
    port: address.port,
    auth,
    messages,
    settings,
    handler,
    reload: () => handler.reload(),
    server,
    drain,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * Connections the kernel may hold for the proxy before it accepts them (Linux truncates this to
 * `net.core.somaxconn`, 4,096 by default). With Node's default, 511, a burst of 5,000 new streams
 * overflowed it (895 handshakes dropped, 0 with this value); dropped handshakes come back after
 * seconds of SYN retries, and while the proxy was busy relaying other streams, as connection
 * resets (201 of 5,000, on a loaded 2-core machine).
 */
const LISTEN_BACKLOG = 4_096;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
