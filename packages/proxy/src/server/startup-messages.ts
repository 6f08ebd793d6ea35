import { ConfigurationError } from '@modelmesh/core';
import { isLoopback } from '../auth/loopback.js';
import type { ProxySettings } from '../proxy-settings.js';

/** How the proxy authenticates, reported at start. */
export type AuthMode =
  /** Bearer keys are required; `keys` are their names. */
  | { readonly mode: 'keys'; readonly keys: readonly string[] }
  /** No key is configured and the proxy is bound to loopback: no authentication. */
  | { readonly mode: 'off'; readonly reason: string };

/** One line the proxy reports (at start, or a request it answered with 500), as data (a CLI may colour or reformat it). */
export interface ProxyMessage {
  readonly level: 'info' | 'warn' | 'error';
  /**
   * What the line is about; `internal-error` is a request answered with 500 (with its request id,
   * redacted); `reload` a configuration reload, done or refused (with every problem); `status` where the status page is.
   */
  readonly code: 'listening' | 'auth' | 'cors' | 'limits' | 'internal-error' | 'reload' | 'status';
  /** The line, ready to print. */
  readonly text: string;
}

/**
 * Decides the auth mode. No keys on a non-loopback address would expose the mesh (and the
 * vendor keys behind it) to the network, so that refuses to start with a ConfigurationError.
 */
export function authModeOf(settings: ProxySettings): AuthMode {
  if (settings.keys.length > 0) return { mode: 'keys', keys: settings.keys.map((key) => key.name) };
  if (isLoopback(settings.host)) return { mode: 'off', reason: `no key configured; bound to loopback (${settings.host}), so only this machine can connect` };
  throw new ConfigurationError({
    issues: [
      {
        path: 'proxy.auth.keys',
        message: `no key configured while binding to "${settings.host}", which accepts remote clients: add proxy.auth.keys, or bind to 127.0.0.1`,
      },
    ],
  });
}

/** The lines reported once the server listens. */
export function startupMessages(url: string, settings: ProxySettings, auth: AuthMode): ProxyMessage[] {
  const { limits } = settings;
  const messages: ProxyMessage[] = [{ level: 'info', code: 'listening', text: `ModelMesh proxy listening on ${url} (OpenAI-compatible API at ${url}/v1)` }];
  messages.push(
    auth.mode === 'keys'
      ? { level: 'info', code: 'auth', text: `auth: bearer keys required (${auth.keys.length}: ${auth.keys.join(', ')})` }
      : { level: 'warn', code: 'auth', text: `auth: OFF (${auth.reason})` },
  );
  messages.push({
    level: 'info',
    code: 'cors',
    text: settings.corsOrigins.length === 0 ? 'cors: off (no allowed origins)' : `cors: allowed origins ${settings.corsOrigins.join(', ')}`,
  });
  messages.push({
    level: 'info',
    code: 'status',
    text: `status page: ${url}/status (${settings.adminKeys.length > 0 ? `admin keys required (${settings.adminKeys.length})` : 'no admin key configured: loopback clients only'}); admin API under ${url}/admin/`,
  });
  messages.push({
    level: 'info',
    code: 'limits',
    text: `limits: body ${limits.bodySizeBytes} bytes, headers ${limits.headerTimeoutMs} ms, request ${limits.requestTimeoutMs} ms, concurrent ${limits.maxConcurrent ?? 'unlimited'}, shutdown grace ${settings.shutdownGraceMs} ms`,
  });
  return messages;
}
