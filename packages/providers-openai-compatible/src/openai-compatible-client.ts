import type { ProviderCall } from '@modelmesh/core';
import { createHttpClient, parseRateLimitHeaders, type HttpClient, type HttpRequestOptions, type HttpResponse, type RequestTimeouts } from '@modelmesh/provider-kit';
import { credentialSecrets } from './credential-secrets.js';
import { parseOpenAICompatibleError } from './openai-compatible-errors.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { RequestBodyPreparer } from './prepare-request-body.js';
import { readRateLimits } from './rate-limit-hook.js';

/** What the chat, stream, embeddings and models calls share for one provider instance. */
export interface OpenAICompatibleClient {
  readonly settings: OpenAICompatibleSettings;
  readonly http: HttpClient;
  readonly bodies: RequestBodyPreparer;
  /** Values masked in errors: the API key and any credential header. */
  readonly secrets: readonly string[];
  /** Request options common to every call: signal, caller headers, rate-limit reporting, timeouts. */
  callOptions(call: Pick<ProviderCall, 'signal'> & Partial<ProviderCall>, modelId: string | undefined, streaming: boolean): Omit<HttpRequestOptions, 'path'>;
  /**
   * Sends a request and returns the unread response once a 2xx status arrives; otherwise
   * throws the mapped typed error. Rate limits (the standard headers and, with
   * `parseRateLimitHeaders`, the vendor's own) go to `reportRateLimit` for every response.
   */
  send(options: HttpRequestOptions): Promise<HttpResponse>;
  /** {@link OpenAICompatibleClient.send}, then the body parsed as JSON. */
  sendJson(options: HttpRequestOptions): Promise<unknown>;
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
  const secrets = credentialSecrets(settings.apiKey, settings.headers);
  const now = settings.now ?? Date.now;
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
  async function send(options: HttpRequestOptions): Promise<HttpResponse> {
    // Rate limits are read here rather than by provider-kit, so the vendor's own headers count too.
    const { reportRateLimit, ...request } = options;
    const response = await http.request(request);
    if (reportRateLimit !== undefined) {
      // Without a vendor parser the standard one reads the cheapest header shape (no `Headers` built on Node).
      const vendor = settings.parseRateLimitHeaders;
      const snapshot = vendor === undefined ? parseRateLimitHeaders(response.headerSource, now()) : readRateLimits(response.headers, now(), vendor);
      if (snapshot !== undefined) reportRateLimit(snapshot);
    }
    if (!response.ok) throw await http.errorFrom(response, request.modelId);
    return response;
  }
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
    send,
    async sendJson(options) {
      return (await send(options)).json();
    },
  };
}
