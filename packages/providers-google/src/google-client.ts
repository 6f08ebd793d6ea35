import type { ProviderError } from '@modelmesh/provider';
import { createProviderHttp, type HttpRequestOptions, type HttpResponse, type ProviderHttp } from '@modelmesh/provider-kit';
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
export interface GoogleClient extends ProviderHttp {
  readonly settings: ResolvedGoogleSettings;
  readonly warnings: WarningLog;
  /** `/{version}/models/{model}:{method}` (a model id that already names a resource, e.g. `tunedModels/x`, is kept). */
  methodPath(model: string, method: string): string;
  /** `/{version}/{path}`. */
  versionPath(path: string): string;
  /** Sends a request; a non-2xx answer throws the mapped typed error. */
  send(options: HttpRequestOptions): Promise<HttpResponse>;
  /** Reads (a capped part of) an error response and maps it. */
  errorFrom(response: HttpResponse, modelId: string | undefined): Promise<ProviderError>;
}

function defaultWarning(warning: GoogleWarning): void {
  console.warn(`[modelmesh] ${warning.message}`);
}

/**
 * Sets up the HTTP side of a provider instance on provider-kit's `createProviderHttp`. The key
 * goes in the `x-goog-api-key` header, never in the URL (a URL ends up in logs and proxies).
 */
export function createGoogleClient(settings: ResolvedGoogleSettings): GoogleClient {
  const headers: Record<string, string> = {};
  if (settings.apiKey !== undefined && settings.apiKey !== '') headers['x-goog-api-key'] = settings.apiKey;
  const shared = createProviderHttp({ ...settings, baseUrl: settings.baseUrl.replace(/\/+$/, '') }, { headers, parseErrorBody: parseGoogleError });
  const { http, secrets, now } = shared;
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
    ...shared,
    settings,
    warnings: new WarningLog(settings.id, settings.onWarning ?? defaultWarning),
    versionPath,
    methodPath: (model, method) => versionPath(`${model.includes('/') ? model : `models/${model}`}:${method}`),
    errorFrom,
    async send(options) {
      const response = await http.request(options);
      if (!response.ok) throw await errorFrom(response, options.modelId);
      return response;
    },
  };
}
