import type { ProviderCall } from '@modelmesh/provider';
import { credentialSecrets } from './credential-secrets.js';
import type { ErrorBodyParser } from './error-body.js';
import { createHttpClient, type HttpClient, type HttpRequestOptions } from './http-client.js';
import type { RequestTimeouts } from './request-timeouts.js';

/** The connection settings every vendor package takes (its settings type has these and more). */
export interface ProviderConnectionSettings {
  /** Provider instance id, named in every error. */
  id: string;
  /** Base URL every request path is appended to. */
  baseUrl: string;
  /** The API key: masked in every error message (the vendor decides which header carries it). */
  apiKey?: string;
  /** Extra headers sent with every request; they override the vendor's. Credential-looking values are masked in errors. */
  headers?: Readonly<Record<string, string>>;
  /** Query parameters added to every request. */
  query?: Readonly<Record<string, string>>;
  /** A `fetch` to use instead of the runtime's. */
  fetch?: typeof globalThis.fetch;
  /** Clock for `Retry-After` dates and rate-limit resets (ms since epoch); default `Date.now`. */
  now?: () => number;
  /** Default time (ms) allowed for a JSON answer when the call gives no `firstByte` or `attempt` timeout. */
  timeout?: number;
  /** The most requests in flight at once; the rest wait, untimed by the vendor's deadlines (as `HttpClientOptions.maxConnections`). Default: no cap. */
  maxConnections?: number;
}

/** What a vendor's calls share for one provider instance: the HTTP client and how each call maps onto it. */
export interface ProviderHttp {
  readonly http: HttpClient;
  /** Values masked in errors: the API key and any credential header. */
  readonly secrets: readonly string[];
  /** Current time in ms since epoch (the settings' clock). */
  now(): number;
  /**
   * The request options of one call: its signal, caller headers, rate-limit reporting and
   * timeouts: `connect` (TCP/TLS), `headers` (until the response headers: for a JSON answer
   * that is the finished answer), `firstByte` (default the call's `attempt`, then the
   * settings' `timeout`) and `idle`. (`streaming` says which kind of call it is; the same settings serve both.)
   */
  callOptions(call: Pick<ProviderCall, 'signal'> & Partial<ProviderCall>, modelId: string | undefined, streaming: boolean): Omit<HttpRequestOptions, 'path'>;
}

/**
 * Sets up the HTTP side of a vendor's provider instance: `vendorHeaders` (the credential
 * header, API version, ...) under the settings' own headers, the secrets to mask, and the
 * per-call options.
 */
export function createProviderHttp(settings: ProviderConnectionSettings, vendor: { headers: Readonly<Record<string, string>>; parseErrorBody?: ErrorBodyParser }): ProviderHttp {
  const secrets = credentialSecrets(settings.apiKey, settings.headers);
  const now = settings.now ?? Date.now;
  const http = createHttpClient({
    providerId: settings.id,
    baseUrl: settings.baseUrl,
    headers: { ...vendor.headers, ...settings.headers },
    query: settings.query,
    fetch: settings.fetch,
    secrets,
    parseErrorBody: vendor.parseErrorBody,
    now,
    maxConnections: settings.maxConnections,
  });
  return {
    http,
    secrets,
    now,
    callOptions(call, modelId) {
      const given = call.timeouts ?? {};
      const timeouts: RequestTimeouts = { connect: given.connect, headers: given.headers, firstByte: given.firstByte ?? given.attempt ?? settings.timeout, idle: given.idle };
      const options: Omit<HttpRequestOptions, 'path'> = { signal: call.signal, timeouts, modelId };
      if (call.headers) options.headers = call.headers;
      if (call.reportRateLimit) options.reportRateLimit = call.reportRateLimit.bind(call);
      return options;
    },
  };
}
