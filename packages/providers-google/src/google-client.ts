import type { ProviderCall, ProviderError } from '@modelmesh/core';
import { createHttpClient, isSecretHeader, type HttpClient, type HttpRequestOptions, type HttpResponse, type RequestTimeouts } from '@modelmesh/provider-kit';
import { mapGoogleHttpError, parseGoogleError } from './google-errors.js';
import type { GoogleSettings, GoogleWarning } from './google-settings.js';
import { WarningLog } from './prepare-gemini-request.js';

/** Gemini API's public endpoint. */
export const GOOGLE_BASE_URL = 'https://generativelanguage.googleapis.com';

/** The API version used unless settings say otherwise. */
export const GOOGLE_API_VERSION = 'v1beta';

/** Largest error body read, in bytes. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Settings a client needs, with the defaults applied. */
export interface ResolvedGoogleSettings extends Omit<GoogleSettings, 'id' | 'baseUrl' | 'apiVersion' | 'env'> {
  id: string;
  baseUrl: string;
  apiVersion: string;
}

/** What the chat, stream, embeddings and models calls share for one provider instance. */
export interface GoogleClient {
  readonly settings: ResolvedGoogleSettings;
  readonly http: HttpClient;
  /** Values masked in errors: the API key and any credential header. */
  readonly secrets: readonly string[];
  readonly warnings: WarningLog;
  now(): number;
  /** `/{version}/models/{model}:{method}` (a model id that already names a resource, e.g. `tunedModels/x`, is kept). */
  methodPath(model: string, method: string): string;
  /** `/{version}/{path}`. */
  versionPath(path: string): string;
  /** Request options common to every call: signal, caller headers, rate-limit reporting, timeouts. */
  callOptions(call: Pick<ProviderCall, 'signal'> & Partial<ProviderCall>, modelId: string | undefined, streaming: boolean): Omit<HttpRequestOptions, 'path'>;
  /** Sends a request; a non-2xx answer throws the mapped typed error. */
  send(options: HttpRequestOptions): Promise<HttpResponse>;
  /** Reads (a capped part of) an error response and maps it. */
  errorFrom(response: HttpResponse, modelId: string | undefined): Promise<ProviderError>;
}

function defaultWarning(warning: GoogleWarning): void {
  console.warn(`[modelmesh] ${warning.message}`);
}

/**
 * Sets up the HTTP side of a provider instance. The key goes in the `x-goog-api-key` header,
 * never in the URL (a URL ends up in logs and proxies). Timeouts: a stream's headers come as soon
 * as Gemini accepts the request, so `connect` bounds them; a JSON answer's headers come with the
 * finished answer, so only `firstByte` (default the router's attempt time) does.
 */
export function createGoogleClient(settings: ResolvedGoogleSettings): GoogleClient {
  const headers: Record<string, string> = {};
  if (settings.apiKey !== undefined && settings.apiKey !== '') headers['x-goog-api-key'] = settings.apiKey;
  Object.assign(headers, settings.headers);
  const secrets = [
    ...(settings.apiKey ? [settings.apiKey] : []),
    ...Object.entries(settings.headers ?? {})
      .filter(([name]) => isSecretHeader(name))
      .map(([, value]) => value.replace(/^(bearer|basic|token)\s+/i, '')),
  ].filter((s) => s.length >= 4);
  const now = settings.now ?? Date.now;
  const http = createHttpClient({
    providerId: settings.id,
    baseUrl: settings.baseUrl.replace(/\/+$/, ''),
    headers,
    fetch: settings.fetch,
    secrets,
    parseErrorBody: parseGoogleError,
    now,
  });
  const versionPath = (path: string): string => `/${settings.apiVersion}/${path.replace(/^\/+/, '')}`;
  const errorFrom = async (response: HttpResponse, modelId: string | undefined): Promise<ProviderError> => {
    let body = '';
    try {
      body = await response.text({ maxBytes: MAX_ERROR_BODY_BYTES });
    } catch {
      // The status alone still classifies the failure.
    }
    return mapGoogleHttpError({ providerId: settings.id, ...(modelId === undefined ? {} : { modelId }), status: response.status, headers: response.headers, body, secrets, now: now() });
  };
  return {
    settings,
    http,
    secrets,
    warnings: new WarningLog(settings.id, settings.onWarning ?? defaultWarning),
    now,
    versionPath,
    methodPath: (model, method) => versionPath(`${model.includes('/') ? model : `models/${model}`}:${method}`),
    callOptions(call, modelId, streaming) {
      const given = call.timeouts ?? {};
      const timeouts: RequestTimeouts = { firstByte: given.firstByte ?? given.attempt ?? settings.timeout, idle: given.idle };
      if (streaming) timeouts.connect = given.connect;
      const options: Omit<HttpRequestOptions, 'path'> = { signal: call.signal, timeouts };
      if (modelId !== undefined) options.modelId = modelId;
      if (call.headers) options.headers = call.headers;
      if (call.reportRateLimit) options.reportRateLimit = call.reportRateLimit.bind(call);
      return options;
    },
    errorFrom,
    async send(options) {
      const response = await http.request(options);
      if (!response.ok) throw await errorFrom(response, options.modelId);
      return response;
    },
  };
}
