import type { IncomingMessage } from 'node:http';
import type { HeaderMap } from './send-response.js';

/** Response headers a browser may read: the ModelMesh ones and `Retry-After`. */
const EXPOSED = 'x-modelmesh-model, x-modelmesh-provider, x-modelmesh-attempts, x-modelmesh-cost, x-modelmesh-pool, x-modelmesh-cache, x-request-id, retry-after, x-ratelimit-limit-requests, x-ratelimit-remaining-requests, x-ratelimit-reset-requests, x-modelmesh-token-count';

/**
 * The CORS allow-list: only listed origins are echoed back (with `Vary: Origin`), `*` in
 * the list allows any origin, and an empty list turns CORS off. No credentials mode: the
 * proxy authenticates with bearer keys, not cookies.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;
  private readonly any: boolean;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins.map((origin) => origin.replace(/\/$/, '')));
    this.any = this.origins.has('*');
  }

  /** Whether CORS is on at all. */
  get enabled(): boolean {
    return this.origins.size > 0;
  }

  /** The allowed origin of a request, if it has one and it is allowed. */
  allowedOrigin(req: IncomingMessage): string | undefined {
    const origin = req.headers.origin;
    if (origin === undefined || !this.enabled) return undefined;
    return this.any || this.origins.has(origin) ? origin : undefined;
  }

  /** Headers for an actual (non-preflight) response. */
  responseHeaders(req: IncomingMessage): HeaderMap {
    const origin = this.allowedOrigin(req);
    if (origin === undefined) return this.enabled ? { vary: 'Origin' } : {};
    return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': EXPOSED };
  }

  /** Headers for a preflight answer, or undefined when the origin is not allowed. */
  preflightHeaders(req: IncomingMessage): HeaderMap | undefined {
    const origin = this.allowedOrigin(req);
    if (origin === undefined) return undefined;
    const requested = req.headers['access-control-request-headers'];
    return {
      'access-control-allow-origin': origin,
      vary: 'Origin, Access-Control-Request-Headers',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      // Browser SDKs send many of their own headers (the openai package's x-stainless-*): allow what is asked.
      'access-control-allow-headers': typeof requested === 'string' && requested !== '' ? requested : 'authorization, content-type',
      'access-control-max-age': '600',
    };
  }
}
