import { ProviderError, type ModelSpec, type ProviderCall } from '@modelmesh/provider';
import type { OpenAICompatibleClient } from './openai-compatible-client.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a model id alone says about a discovered model: ids naming embeddings serve
 * `text-embeddings`, everything else is taken for a chat model. Config overrides this.
 */
export function guessModelSpec(id: string): ModelSpec {
  return /embed|bge-|e5-|gte-|minilm/i.test(id) ? { id, capabilities: ['text-embeddings'] } : { id, capabilities: ['chat-completion'] };
}

/**
 * `GET /models`: the models the endpoint serves right now. A model that is also in the
 * configured list keeps its configured spec; others get {@link guessModelSpec}.
 */
export async function listModels(client: OpenAICompatibleClient, known: readonly ModelSpec[], call: Pick<ProviderCall, 'signal'> | undefined): Promise<ModelSpec[]> {
  const signal = call?.signal ?? new AbortController().signal;
  const data = await client.sendJson({ ...client.callOptions({ signal }, undefined, true), path: '/models' });
  const entries = isRecord(data) && Array.isArray(data['data']) ? data['data'] : Array.isArray(data) ? data : undefined;
  if (entries === undefined) {
    throw new ProviderError({ providerId: client.settings.id, code: 'malformed_response', message: `Provider "${client.settings.id}" answered GET /models with something that is not a model list` });
  }
  const specs: ModelSpec[] = [];
  for (const entry of entries) {
    const id = isRecord(entry) && typeof entry['id'] === 'string' ? entry['id'] : undefined;
    if (id !== undefined) specs.push(known.find((spec) => spec.id === id) ?? guessModelSpec(id));
  }
  return specs;
}

/**
 * The health probe of an OpenAI-wire endpoint: `GET /models` answered 2xx with JSON. It costs
 * no tokens and proves the server is up and takes the key; the first real request after it
 * (a half-open trial) proves the model answers.
 */
export async function probeModelList(client: OpenAICompatibleClient, modelId: string, call: ProviderCall): Promise<void> {
  await client.sendJson({ ...client.callOptions(call, modelId, false), path: '/models' });
}
