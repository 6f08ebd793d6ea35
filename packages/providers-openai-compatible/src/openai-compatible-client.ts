import { createProviderHttp, parseRateLimitHeaders, type HttpRequestOptions, type HttpResponse, type ProviderHttp } from '@modelmesh/provider-kit';
import { parseOpenAICompatibleError } from './openai-compatible-errors.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { RequestBodyPreparer } from './prepare-request-body.js';
import { readRateLimits } from './rate-limit-hook.js';

/** What the chat, stream, embeddings and models calls share for one provider instance. */
export interface OpenAICompatibleClient extends ProviderHttp {
  readonly settings: OpenAICompatibleSettings;
  readonly bodies: RequestBodyPreparer;
  /**
   * Sends a request and returns the unread response once a 2xx status arrives; otherwise
   * throws the mapped typed error. Rate limits (the standard headers and, with
   * `parseRateLimitHeaders`, the vendor's own) go to `reportRateLimit` for every response.
   */
  send(options: HttpRequestOptions): Promise<HttpResponse>;
  /** {@link OpenAICompatibleClient.send}, then the body parsed as JSON. */
  sendJson(options: HttpRequestOptions): Promise<unknown>;
}

/** Sets up the HTTP side of a provider instance on provider-kit's `createProviderHttp` (Bearer auth, OpenAI-style error bodies unless the settings parse their own). */
export function createOpenAICompatibleClient(settings: OpenAICompatibleSettings): OpenAICompatibleClient {
  const headers: Record<string, string> = {};
  if (settings.apiKey !== undefined && settings.apiKey !== '') headers['authorization'] = `Bearer ${settings.apiKey}`;
  const shared = createProviderHttp(settings, { headers, parseErrorBody: settings.parseErrorBody ?? parseOpenAICompatibleError });
  const { http, now } = shared;
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
    ...shared,
    settings,
    bodies: new RequestBodyPreparer(settings),
    send,
    async sendJson(options) {
      return (await send(options)).json();
    },
  };
}
