import type { AdminKeyConfig, ProxyConfig, ProxyKeyConfig } from '@modelmesh/core';

/**
 * What the proxy accepts as settings: the `proxy` section of a loaded `MeshConfig`
 * (`config.proxy`), or any part of it. Missing values take the same defaults as the
 * config loader, so a test can pass `{ port: 0 }` alone.
 */
export interface ProxySettingsInput {
  /** Interface to listen on (default `127.0.0.1`). */
  readonly host?: string;
  /** TCP port; 0 lets the OS choose (default 8080). */
  readonly port?: number;
  /** Accepted bearer keys; none means no authentication (allowed on loopback only). */
  readonly auth?: { readonly keys?: readonly ProxyKeyConfig[] };
  /** Keys of the admin API and the status page; none means loopback clients only. */
  readonly admin?: { readonly keys?: readonly AdminKeyConfig[] };
  /** Allowed CORS origins; empty turns CORS off; `*` allows any origin. */
  readonly cors?: { readonly origins?: readonly string[] };
  /** Server limits. */
  readonly limits?: Partial<ProxyLimitSettings>;
  /** Time given to in-flight requests on `drain()`, in ms (default 10 s). */
  readonly shutdownGraceMs?: number;
}

/** The limits the proxy enforces, all resolved. */
export interface ProxyLimitSettings {
  /** Largest request body in bytes (default 1 MiB); larger bodies get 413 as soon as they are seen to be larger. */
  readonly bodySizeBytes: number;
  /** Time to receive the request headers, in ms (Node's `server.headersTimeout`; default 10 s). */
  readonly headerTimeoutMs: number;
  /** Time to receive the whole request, in ms (Node's `server.requestTimeout`; default 5 min). */
  readonly requestTimeoutMs: number;
  /** Longest pause between two pieces of a request body, in ms (default: `headerTimeoutMs`); a stalled body gets 408. */
  readonly bodyIdleTimeoutMs: number;
  /** Concurrent API requests served; more get 503 with `Retry-After`. Unlimited when absent. */
  readonly maxConcurrent?: number;
  /**
   * Client connections held at most. At the cap a new connection replaces the oldest one not
   * serving a request; when all are busy, a few more serve only `/healthz` and `/readyz`. Each
   * connection that calls a model also holds an upstream socket, so the default is 400, or
   * (`ulimit -n` − 64) / 2 when that is lower (read on Linux when the proxy starts).
   */
  readonly maxConnections?: number;
}

/** Fully resolved proxy settings. */
export interface ProxySettings {
  readonly host: string;
  readonly port: number;
  readonly keys: readonly ProxyKeyConfig[];
  /** Admin API and status page keys (`proxy.admin.keys`). */
  readonly adminKeys: readonly AdminKeyConfig[];
  readonly corsOrigins: readonly string[];
  readonly limits: ProxyLimitSettings;
  readonly shutdownGraceMs: number;
}

/** Defaults, equal to those of the config loader's `proxy` section. */
export const PROXY_DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  bodySizeBytes: 1024 * 1024,
  headerTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  shutdownGraceMs: 10_000,
} as const;

/** Fills in defaults; `overrides` (e.g. a CLI's `--host` and `--port`) win over `input`. */
export function resolveProxySettings(input: ProxySettingsInput | ProxyConfig | ProxySettings = {}, overrides: { host?: string; port?: number } = {}): ProxySettings {
  if (isResolved(input)) return { ...input, ...overrides };
  const limits: Partial<ProxyLimitSettings> = input.limits ?? {};
  const headerTimeoutMs = limits.headerTimeoutMs ?? PROXY_DEFAULTS.headerTimeoutMs;
  return {
    host: overrides.host ?? input.host ?? PROXY_DEFAULTS.host,
    port: overrides.port ?? input.port ?? PROXY_DEFAULTS.port,
    keys: [...(input.auth?.keys ?? [])],
    adminKeys: [...(input.admin?.keys ?? [])],
    corsOrigins: [...(input.cors?.origins ?? [])],
    limits: {
      bodySizeBytes: limits.bodySizeBytes ?? PROXY_DEFAULTS.bodySizeBytes,
      headerTimeoutMs,
      requestTimeoutMs: limits.requestTimeoutMs ?? PROXY_DEFAULTS.requestTimeoutMs,
      bodyIdleTimeoutMs: limits.bodyIdleTimeoutMs ?? headerTimeoutMs,
      ...(limits.maxConnections !== undefined ? { maxConnections: limits.maxConnections } : {}),
      ...(limits.maxConcurrent !== undefined ? { maxConcurrent: limits.maxConcurrent } : {}),
    },
    shutdownGraceMs: input.shutdownGraceMs ?? PROXY_DEFAULTS.shutdownGraceMs,
  };
}

function isResolved(input: ProxySettingsInput | ProxyConfig | ProxySettings): input is ProxySettings {
  return 'corsOrigins' in input && 'keys' in input;
}
