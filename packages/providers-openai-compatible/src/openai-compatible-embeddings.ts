import { ProviderError, type CreateEmbeddingResponse, type EmbeddingCreateParams, type ProviderCall } from '@modelmesh/provider';
import type { OpenAICompatibleClient } from './openai-compatible-client.js';
import { errorFromPayload, isErrorPayload } from './openai-compatible-errors.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `POST /embeddings`. The params go through untouched (no `encoding_format` is added, so
 * vectors come back as floats unless the caller asks for base64). Servers that omit
 * `usage` (several local ones do) get zero counts, so usage accounting never breaks.
 */
export async function createEmbeddings(client: OpenAICompatibleClient, request: EmbeddingCreateParams, call: ProviderCall): Promise<CreateEmbeddingResponse> {
  const body = client.bodies.prepare(request, 'embeddings');
  const data = await client.sendJson({ ...client.callOptions(call, request.model, false), path: '/embeddings', body });
  if (isErrorPayload(data)) throw errorFromPayload(data, { providerId: client.settings.id, modelId: request.model, secrets: client.secrets, parseErrorBody: client.settings.parseErrorBody });
  if (!isRecord(data) || !Array.isArray(data['data'])) {
    throw new ProviderError({ providerId: client.settings.id, modelId: request.model, code: 'malformed_response', message: `Provider "${client.settings.id}" answered with something that is not an embeddings list` });
  }
  const usage = isRecord(data['usage']) ? data['usage'] : { prompt_tokens: 0, total_tokens: 0 };
  return { ...data, usage } as unknown as CreateEmbeddingResponse;
}
