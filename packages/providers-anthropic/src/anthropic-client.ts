import type { ModelSpec, ProviderCall } from '@modelmesh/core';
import { createHttpClient, isSecretHeader, type HttpClient, type HttpRequestOptions, type RequestTimeouts } from '@modelmesh/provider-kit';
import { parseAnthropicError } from './anthropic-errors.js';
import type { AnthropicSettings } from './anthropic-settings.js';
import { AnthropicWarnings } from './anthropic-warnings.js';
import { FALLBACK_MAX_TOKENS } from './prepare-anthropic-request.js';

/**
 * The API version this package sends by default: `2023-06-01`, under which `temperature`,
 * `top_p` and `top_k` still exist. (`2026-10-21`, which the official SDKs send since their
 * October 2026 majors, removed them; set `anthropicVersion` to use it.)
 */
export const ANTHROPIC_VERSION = '2023-06-01';

/** The first API version without `temperature`, `top_p` and `top_k`. */
export const SAMPLING_REMOVED_VERSION = '2026-10-21';

/** Settings after defaults: what the calls of one instance share. */
export interface ResolvedAnthropicSettings extends AnthropicSettings {
  id: string;
  baseUrl: string;
  models: readonly ModelSpec[];
}

/** What the chat, stream and models calls share for one provider instance. */
export interface AnthropicClient {
  readonly settings: ResolvedAnthropicSettings;
  readonly http: HttpClient;
  readonly warnings: AnthropicWarnings;
  /** Values masked in errors: the API key and any credential header. */
  readonly secrets: readonly string[];
  /** Current time in ms since epoch. */
  now(): number;
  /** `max_tokens` for a request that sets none: the configured default, else the model's output limit, else 4096. */
  defaultMaxTokens(modelId: string): number;
  /** Whether the configured API version still takes sampling parameters. */
  readonly samplingParams: boolean;
  /** Request options common to every call: signal, caller headers, rate-limit reporting, timeouts. */
  callOptions(call: Pick<ProviderCall, 'signal'> & Partial<ProviderCall>, modelId: string | undefined, streaming: boolean): Omit<HttpRequestOptions, 'path'>;
}

/**
 * Sets up the HTTP side of an instance: `x-api-key` and `anthropic-version` on every request,
 * Anthropic's error bodies, and the timeouts of provider-kit (a stream's headers come as soon as
 * the API accepts the request, so `connect` bounds them; a JSON answer's headers come with the
 * finished answer, so only `firstByte` does).
 */
export function createAnthropicClient(settings: ResolvedAnthropicSettings): AnthropicClient {
  const version = settings.anthropicVersion ?? ANTHROPIC_VERSION;
  const headers: Record<string, string> = { 'anthropic-version': version };
  if (settings.apiKey !== undefined && settings.apiKey !== '') headers['x-api-key'] = settings.apiKey;
  if (settings.dangerouslyAllowBrowser === true) headers['anthropic-dangerous-direct-browser-access'] = 'true';
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
    baseUrl: settings.baseUrl,
    headers,
    fetch: settings.fetch,
    secrets,
    parseErrorBody: parseAnthropicError,
    now,
  });
  return {
    settings,
    http,
    warnings: new AnthropicWarnings(settings.id, settings.onWarning),
    secrets,
    now,
    // Versions are dates, so they compare as strings.
    samplingParams: version < SAMPLING_REMOVED_VERSION,
    defaultMaxTokens(modelId) {
      return settings.defaultMaxTokens ?? settings.models.find((spec) => spec.id === modelId)?.maxOutputTokens ?? FALLBACK_MAX_TOKENS;
    },
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
