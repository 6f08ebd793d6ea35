import type { HttpProvider } from '@modelmesh/provider-kit';
import { anthropicChat } from './anthropic-chat.js';
import { createAnthropicClient } from './anthropic-client.js';
import { anthropicEnv, runtimeEnv } from './anthropic-env.js';
import { listAnthropicModels } from './anthropic-list-models.js';
import { ANTHROPIC_MODELS } from './anthropic-models.js';
import type { AnthropicSettings } from './anthropic-settings.js';
import { anthropicChatStream } from './anthropic-stream.js';

/** Anthropic's connector id. */
export const ANTHROPIC_CONNECTOR = 'anthropic.claude.v1';

/** Anthropic's public API (the SDK's base URL: paths start with `/v1`). */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/** An Anthropic provider instance (`baseUrl` without `/v1`). */
export type AnthropicProvider = HttpProvider;

/** `https://host/v1/` → `https://host`: paths already start with `/v1`, and a base URL copied with it would double it. */
function normalizeBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/**
 * Creates an Anthropic provider: OpenAI-shaped requests and answers, Claude's Messages API on the
 * wire (`POST /v1/messages`, `x-api-key`, `anthropic-version: 2023-06-01`). System messages are
 * hoisted, turns repaired to alternate, images, tools and `response_format` translated, stop
 * reasons and usage (cache tokens included) mapped back, streams converted event by event, and
 * errors (an in-stream `overloaded_error` included) typed for the router. Nothing is retried here.
 *
 * @example
 * ```ts
 * const anthropic = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: anthropic, models: anthropic.models }] });
 * ```
 */
export function createAnthropic(settings: AnthropicSettings = {}): AnthropicProvider {
  const fromEnv = anthropicEnv(settings.env ?? runtimeEnv());
  const id = settings.id ?? 'anthropic';
  const baseUrl = normalizeBaseUrl(settings.baseUrl ?? fromEnv.baseUrl ?? ANTHROPIC_BASE_URL);
  const models = settings.models ?? ANTHROPIC_MODELS;
  const apiKey = settings.apiKey ?? fromEnv.apiKey;
  const client = createAnthropicClient({ ...settings, id, baseUrl, models, ...(apiKey === undefined ? {} : { apiKey }) });
  return {
    id,
    connector: ANTHROPIC_CONNECTOR,
    baseUrl,
    models,
    chat: (request, call) => anthropicChat(client, request, call),
    chatStream: (request, call) => anthropicChatStream(client, request, call),
    listModels: (call) => listAnthropicModels(client, call),
    // The model list costs no tokens and proves the API is up and takes the key.
    probe: async (_modelId, call) => void (await listAnthropicModels(client, call)),
    close: async () => client.http.close(),
  };
}
