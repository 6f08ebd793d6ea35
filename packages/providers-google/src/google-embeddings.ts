import { InvalidRequestError, type CreateEmbeddingResponse, type Embedding, type EmbeddingCreateParams, type ProviderCall } from '@modelmesh/provider';
import { malformed } from './gemini-response.js';
import type { GeminiEmbedContentRequest } from './gemini-types.js';
import type { GoogleClient } from './google-client.js';
import { isGoogleErrorPayload, mapGoogleErrorPayload } from './google-errors.js';
import { bytesToBase64 } from './media-parts.js';

/** Most requests `batchEmbedContents` takes at once; longer inputs are sent in several batches, one after the other. */
export const MAX_BATCH_EMBEDDINGS = 100;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function textsOf(input: EmbeddingCreateParams['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.length === 0) throw new InvalidRequestError({ param: 'input', message: 'Embeddings need at least one input' });
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw new InvalidRequestError({ param: 'input', message: 'Gemini embeds text only; token arrays cannot be sent' });
}

function valuesOf(embedding: unknown): number[] | undefined {
  const values = isRecord(embedding) ? embedding['values'] : undefined;
  return Array.isArray(values) && values.every((v) => typeof v === 'number') ? values : undefined;
}

/** Float32 little-endian bytes in base64, as OpenAI answers `encoding_format: 'base64'`. */
function toBase64(vector: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return bytesToBase64(new Uint8Array(view.buffer));
}

/** About four characters a token: Gemini's embedding answers carry no token counts. */
const estimateTokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/**
 * Embeddings: one input → `POST models/{model}:embedContent`, several → `POST
 * models/{model}:batchEmbedContents` (in batches of {@link MAX_BATCH_EMBEDDINGS}), answered as
 * OpenAI's `CreateEmbeddingResponse`. `dimensions` becomes `outputDimensionality`;
 * `encoding_format: 'base64'` is honoured by encoding the vectors here. Gemini reports no token
 * counts for embeddings, so `usage` is an estimate (about four characters a token).
 */
export async function googleEmbed(client: GoogleClient, request: EmbeddingCreateParams, call: ProviderCall): Promise<CreateEmbeddingResponse> {
  const texts = textsOf(request.input);
  const context = { providerId: client.settings.id, modelId: request.model, secrets: client.secrets };
  const resource = request.model.includes('/') ? request.model : `models/${request.model}`;
  const dimensions = request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions };
  const post = async (method: string, body: unknown): Promise<unknown> => {
    const response = await client.send({ ...client.callOptions(call, request.model, false), path: client.methodPath(request.model, method), body });
    const data = await response.json();
    if (isGoogleErrorPayload(data)) throw mapGoogleErrorPayload(data, context);
    return data;
  };

  const vectors: number[][] = [];
  if (texts.length === 1) {
    const single: GeminiEmbedContentRequest = { content: { parts: [{ text: texts[0] ?? '' }] }, ...dimensions };
    const data = await post('embedContent', single);
    const values = isRecord(data) ? valuesOf(data['embedding']) : undefined;
    if (values === undefined) throw malformed(context, 'answered embedContent without an embedding', data);
    vectors.push(values);
  } else {
    for (let at = 0; at < texts.length; at += MAX_BATCH_EMBEDDINGS) {
      const batch = texts.slice(at, at + MAX_BATCH_EMBEDDINGS);
      const requests: GeminiEmbedContentRequest[] = batch.map((text) => ({ model: resource, content: { parts: [{ text }] }, ...dimensions }));
      const data = await post('batchEmbedContents', { requests });
      const list = isRecord(data) && Array.isArray(data['embeddings']) ? data['embeddings'].map(valuesOf) : [];
      if (list.length !== batch.length || list.some((v) => v === undefined)) throw malformed(context, `answered batchEmbedContents without ${batch.length} embeddings`, data);
      vectors.push(...(list as number[][]));
    }
  }

  const base64 = request.encoding_format === 'base64';
  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  return {
    object: 'list',
    model: request.model,
    // With base64 the vector is a string, as OpenAI's wire format has it; the type describes floats.
    data: vectors.map((vector, index): Embedding => ({ object: 'embedding', index, embedding: base64 ? (toBase64(vector) as unknown as number[]) : vector })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
