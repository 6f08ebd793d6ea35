import { ProviderError, type ModelSpec, type ProviderCall } from '@modelmesh/provider';
import type { AnthropicClient } from './anthropic-client.js';
import { refineAnthropicError } from './anthropic-errors.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Pages read at most (1000 models each): a guard against a server that never says `has_more: false`. */
const MAX_PAGES = 10;

/** What a model id alone says: every Claude model chats, calls tools, sees images and answers JSON. Config overrides it. */
export function guessAnthropicModelSpec(id: string): ModelSpec {
  return {
    id,
    capabilities: ['chat-completion', 'tool-calling', 'image-to-text', 'json-generation', 'schema-constrained-output', 'code-generation'],
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true },
  };
}

/**
 * `GET /v1/models`, every page: the models the key can use right now. A model that is also in
 * the instance's list keeps that spec (limits, prices); others get {@link guessAnthropicModelSpec}.
 */
export async function listAnthropicModels(client: AnthropicClient, call: Pick<ProviderCall, 'signal'> | undefined): Promise<ModelSpec[]> {
  const signal = call?.signal ?? new AbortController().signal;
  const specs: ModelSpec[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let data: unknown;
    try {
      ({ data } = await client.http.requestJson({ ...client.callOptions({ signal }, undefined, true), path: '/v1/models', query: { limit: '1000', ...(after === undefined ? {} : { after_id: after }) } }));
    } catch (error) {
      throw refineAnthropicError(error);
    }
    if (!isRecord(data) || !Array.isArray(data['data'])) {
      throw new ProviderError({ providerId: client.settings.id, code: 'malformed_response', message: `Provider "${client.settings.id}" answered GET /v1/models with something that is not a model list` });
    }
    for (const entry of data['data']) {
      const id = isRecord(entry) && typeof entry['id'] === 'string' ? entry['id'] : undefined;
      if (id !== undefined) specs.push(client.settings.models.find((spec) => spec.id === id) ?? guessAnthropicModelSpec(id));
    }
    after = typeof data['last_id'] === 'string' ? data['last_id'] : undefined;
    if (data['has_more'] !== true || after === undefined) break;
  }
  return specs;
}
