import { embeddingVector } from '../../mock-embeddings.js';

/** Models `GET /v1beta/models` lists when the server was started without `models`. */
export const DEFAULT_FAKE_GEMINI_MODELS: readonly string[] = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.0-flash', 'gemini-embedding-001', 'text-embedding-004'];

/** Vector length of fake embeddings when the request gives no `outputDimensionality`. */
export const FAKE_GEMINI_EMBEDDING_DIMENSIONS = 8;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isEmbeddingModel = (model: string): boolean => /embedding/i.test(model);

/** A `Model` resource as `models.list` describes it. */
export function geminiModelJson(model: string): Record<string, unknown> {
  const embedding = isEmbeddingModel(model);
  return {
    name: `models/${model}`,
    version: '001',
    displayName: model,
    description: `Fake ${model}`,
    inputTokenLimit: embedding ? 2048 : 1_048_576,
    outputTokenLimit: embedding ? 1 : 65_536,
    supportedGenerationMethods: embedding ? ['embedContent', 'countTextTokens', 'countTokens', 'asyncBatchEmbedContent'] : ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    ...(embedding ? {} : { temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2 }),
  };
}

/** The `GET /v1beta/models` answer. */
export function geminiModelListJson(models: readonly string[]): Record<string, unknown> {
  return { models: models.map(geminiModelJson) };
}

/** The text of a `Content` (its text parts joined), or undefined when it has no text part. */
function contentText(content: unknown): string | undefined {
  const parts = isRecord(content) && Array.isArray(content['parts']) ? content['parts'] : undefined;
  if (parts === undefined) return undefined;
  const texts = parts.flatMap((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? [part['text']] : []));
  return texts.length === 0 ? undefined : texts.join(' ');
}

function dimensionsOf(request: Record<string, unknown>): number {
  const value = request['outputDimensionality'];
  return typeof value === 'number' && value > 0 ? Math.floor(value) : FAKE_GEMINI_EMBEDDING_DIMENSIONS;
}

/** The `embedContent` answer, or an error message for a body Gemini would refuse. */
export function embedContentJson(body: unknown, model: string): { body: unknown } | { error: string } {
  const root = isRecord(body) ? body : {};
  const text = contentText(root['content']);
  if (text === undefined) return { error: '* EmbedContentRequest.content: content is not specified\n' };
  return { body: { embedding: { values: embeddingVector(model, text, dimensionsOf(root)) } } };
}

/** The `batchEmbedContents` answer, or an error message (no requests, a request without text, a model other than the URL's). */
export function batchEmbedContentsJson(body: unknown, model: string): { body: unknown } | { error: string } {
  const requests = isRecord(body) && Array.isArray(body['requests']) ? body['requests'] : undefined;
  if (requests === undefined || requests.length === 0) return { error: '* BatchEmbedContentsRequest.requests: requests is not specified\n' };
  if (requests.length > 100) return { error: '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n' };
  const embeddings: unknown[] = [];
  for (const [index, request] of requests.entries()) {
    const entry = isRecord(request) ? request : {};
    if (entry['model'] !== `models/${model}`) {
      return { error: `* BatchEmbedContentsRequest.requests[${index}].model: the model (${String(entry['model'])}) must be models/${model}, the model of the URL\n` };
    }
    const text = contentText(entry['content']);
    if (text === undefined) return { error: `* BatchEmbedContentsRequest.requests[${index}].content: content is not specified\n` };
    embeddings.push({ values: embeddingVector(model, text, dimensionsOf(entry)) });
  }
  return { body: { embeddings } };
}
