import type { Provider } from '@modelmesh/provider';
import type { HttpProvider } from '@modelmesh/provider-kit';
import { googleChat, googleChatStream } from './google-chat.js';
import { createGoogleClient, GOOGLE_API_VERSION, GOOGLE_BASE_URL } from './google-client.js';
import { googleEmbed } from './google-embeddings.js';
import { googleEnv, runtimeEnv } from './google-env.js';
import { listGoogleModels } from './google-list-models.js';
import { GOOGLE_MODELS, GOOGLE_PAID_TIER_MODELS } from './google-models.js';
import type { GoogleSettings } from './google-settings.js';

/** The connector id of the Gemini API provider. */
export const GOOGLE_CONNECTOR = 'google.gemini.v1';

/** A Gemini API provider instance (`baseUrl` without the API version). */
export interface GoogleProvider extends HttpProvider {
  embed: NonNullable<Provider['embed']>;
}

/**
 * Creates a Gemini API provider: OpenAI-shaped requests in, `generateContent` /
 * `streamGenerateContent?alt=sse` / `embedContent` / `batchEmbedContents` on the wire, OpenAI-shaped
 * answers and typed ModelMesh errors out. The API key travels in the `x-goog-api-key` header, never
 * in the URL. Nothing is retried here: the router decides.
 *
 * @example
 * ```ts
 * const google = createGoogle({ apiKey: process.env.GEMINI_API_KEY });
 * const mesh = createMesh({ providers: [{ provider: google, models: google.models }] });
 * ```
 */
export function createGoogle(settings: GoogleSettings = {}): GoogleProvider {
  const fromEnv = googleEnv(settings.env ?? runtimeEnv());
  const { env: _env, ...rest } = settings;
  const id = settings.id ?? 'google';
  const baseUrl = settings.baseUrl ?? fromEnv.baseUrl ?? GOOGLE_BASE_URL;
  const apiKey = settings.apiKey ?? fromEnv.apiKey;
  const client = createGoogleClient({
    ...rest,
    id,
    baseUrl,
    apiVersion: settings.apiVersion ?? GOOGLE_API_VERSION,
    ...(apiKey === undefined ? {} : { apiKey }),
  });
  const models = settings.models ?? (settings.tier === 'paid' ? GOOGLE_PAID_TIER_MODELS : GOOGLE_MODELS);
  return {
    id,
    connector: GOOGLE_CONNECTOR,
    baseUrl,
    models,
    chat: (request, call) => googleChat(client, request, call),
    chatStream: (request, call) => googleChatStream(client, request, call),
    embed: (request, call) => googleEmbed(client, request, call),
    listModels: (call) => listGoogleModels(client, models, call),
    // The model list costs no tokens and proves the API is up and takes the key.
    probe: async (_modelId, call) => void (await listGoogleModels(client, models, call)),
    close: async () => client.http.close(),
  };
}
