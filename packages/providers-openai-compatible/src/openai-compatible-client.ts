import type { ProviderCall } from '@modelmesh/core';
import { createHttpClient, isSecretHeader, type HttpClient, type HttpRequestOptions, type RequestTimeouts } from '@modelmesh/provider-kit';
import { parseOpenAICompatibleError } from './openai-compatible-errors.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { RequestBodyPreparer } from './prepare-request-body.js';

/** What the chat, stream, embeddings and models calls share for one provider instance. */
export interface OpenAICompatibleClient {
  readonly settings: OpenAICompatibleSettings;
  readonly http: HttpClient;
  readonly bodies: RequestBodyPreparer;
  /** Values masked in errors: the API key and any credential header. */
  readonly secrets: readonly string[];
  /** Request options common to every call: signal, caller headers, rate-limit reporting, timeouts. */
  callOptions(call: Pick<ProviderCall, 'signal'> & Partial<ProviderCall>, modelId: string | undefined, streaming: boolean): Omit<HttpRequestOptions, 'path'>;
}

/**
 * Sets up the HTTP side of a provider instance. Timeouts: a stream's headers come as soon
 * as the server accepts the request, so `connect` bounds them; a JSON answer's headers come
 * with the finished answer, so only `firstByte` (default the router's attempt time) does.
 */
export function createOpenAICompatibleClient(settings: OpenAICompatibleSettings): OpenAICompatibleClient {
  const headers: Record<string, string> = {};
  if (settings.apiKey !== undefined && settings.apiKey !== '') headers['authorization'] = `Bearer ${settings.apiKey}`;
  Object.assign(headers, settings.headers);
  const secrets = [
    ...(settings.apiKey ? [settings.apiKey] : []),
    ...Object.entries(settings.headers ?? {})
      .filter(([name]) => isSecretHeader(name))
      .map(([, value]) => value.replace(/^(bearer|basic|token)\s+/i, '')),
  ].filter((s) => s.length >= 4);
  const http = createHttpClient({
    providerId: settings.id,
    baseUrl: settings.baseUrl,
    headers,
    query: settings.query,
    fetch: settings.fetch,
    secrets,
    parseErrorBody: settings.parseErrorBody ?? parseOpenAICompatibleError,
    now: settings.now,
  });
  return {
    settings,
    http,
    bodies: new RequestBodyPreparer(settings),
    secrets,
    callOptions(call, modelId, streaming) {
      const given = call.timeouts ?? {};
      const timeouts: RequestTimeouts = { firstByte: given.firstByte ?? given.attempt ?? settings.timeout, idle: given.idle };
      if (streaming) timeouts.connect = given.connect;
      const options: Omit<HttpRequestOptions, 'path'> = { signal: call.signal, timeouts, modelId };
      if (call.headers) options.headers = call.headers;
      if (call.reportRateLimit) options.reportRateLimit = call.reportRateLimit.bind(call);
      return options;
    },
  };
}
