import type { ModelSpec, Provider } from '@modelmesh/provider';
import type { HttpProvider } from '@modelmesh/provider-kit';
import { reclassifying } from './error-hook.js';
import { chatCompletion } from './openai-compatible-chat.js';
import { createOpenAICompatibleClient } from './openai-compatible-client.js';
import { createEmbeddings } from './openai-compatible-embeddings.js';
import { listModels, probeModelList } from './openai-compatible-models.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import { chatCompletionStream } from './openai-compatible-stream.js';

/** The connector id of the generic OpenAI-wire provider. */
export const OPENAI_COMPATIBLE_CONNECTOR = 'openai-compatible.llm.v1';

/** A provider for an OpenAI-wire endpoint (`models`: the configured ones, empty when `models` is `'discover'` or unset). */
export interface OpenAICompatibleProvider extends HttpProvider {
  embed: NonNullable<Provider['embed']>;
}

/**
 * Creates a provider for any server that speaks OpenAI's chat-completions wire format:
 * vLLM, LM Studio, llama.cpp server, LocalAI, OpenAI-compatible gateways, and (through
 * {@link createOpenAICompatibleFactory}) the OpenAI-wire vendors.
 *
 * Requests go out as the caller wrote them (unknown parameters included) minus
 * `dropParams`; streams ask for usage; errors, timeouts and broken streams become typed
 * ModelMesh errors (then pass through `reclassifyError`); nothing is retried here (the
 * router decides).
 *
 * @example
 * ```ts
 * const local = createOpenAICompatibleProvider({ id: 'vllm', baseUrl: 'http://localhost:8000/v1', models: [{ id: 'llama-3.1-8b', capabilities: ['chat-completion'] }] });
 * ```
 */
export function createOpenAICompatibleProvider(settings: OpenAICompatibleSettings): OpenAICompatibleProvider {
  const client = createOpenAICompatibleClient(settings);
  const models = Array.isArray(settings.models) ? [...(settings.models as readonly ModelSpec[])] : [];
  const { reclassifyError } = settings;
  return {
    id: settings.id,
    connector: settings.connector ?? OPENAI_COMPATIBLE_CONNECTOR,
    baseUrl: settings.baseUrl,
    models,
    chat: (request, call) => reclassifying(reclassifyError, () => chatCompletion(client, request, call)),
    chatStream: (request, call) => reclassifying(reclassifyError, () => chatCompletionStream(client, request, call)),
    embed: (request, call) => reclassifying(reclassifyError, () => createEmbeddings(client, request, call)),
    listModels: (call) => reclassifying(reclassifyError, () => listModels(client, models, call)),
    probe: (modelId, call) => reclassifying(reclassifyError, () => probeModelList(client, modelId, call)),
    close: async () => client.http.close(),
  };
}
