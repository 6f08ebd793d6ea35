import { Buffer } from 'node:buffer';
import type { EmbeddingCreateParams, ModelList } from '@modelmesh/core';
import { mockEmbeddings } from '../mock-embeddings.js';
import type { FakeAnswer } from './fake-step.js';

/** Models `GET /v1/models` lists when the server was started without `models`. */
export const DEFAULT_FAKE_MODELS: readonly string[] = ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small'];

/** `created` of every listed model: a fixed date, so listings are deterministic. */
const MODEL_CREATED = 1_715_367_049;

/** The `GET /v1/models` answer. */
export function modelListJson(models: readonly string[]): ModelList {
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: MODEL_CREATED, owned_by: 'system' })) };
}

const isEmbeddingInput = (input: unknown): input is EmbeddingCreateParams['input'] =>
  typeof input === 'string' ||
  (Array.isArray(input) &&
    (input.every((item) => typeof item === 'string') ||
      input.every((item) => typeof item === 'number') ||
      input.every((item) => Array.isArray(item) && item.every((n) => typeof n === 'number'))));

/** Float32 little-endian bytes in base64: what OpenAI sends for `encoding_format: 'base64'` (the `openai` client's default). */
function toBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

/**
 * The `POST /v1/embeddings` answer: deterministic unit vectors (8 dimensions unless the request
 * asks for `dimensions`), or `undefined` when the body has no valid `input`.
 */
export function embeddingsJson(body: unknown, answer: FakeAnswer): unknown {
  const root = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const input = root['input'];
  if (!isEmbeddingInput(input)) return undefined;
  const model = answer.model ?? (typeof root['model'] === 'string' ? root['model'] : 'text-embedding-3-small');
  const dimensions = typeof root['dimensions'] === 'number' ? root['dimensions'] : undefined;
  const response = mockEmbeddings({ model, input, ...(dimensions === undefined ? {} : { dimensions }) }, model);
  const usage =
    answer.usage === null
      ? undefined
      : {
          prompt_tokens: answer.usage?.prompt_tokens ?? response.usage.prompt_tokens,
          total_tokens: answer.usage?.total_tokens ?? answer.usage?.prompt_tokens ?? response.usage.total_tokens,
        };
  const base64 = root['encoding_format'] === 'base64';
  return {
    object: 'list',
    model,
    data: response.data.map((item) => ({ ...item, embedding: base64 ? toBase64(item.embedding) : item.embedding })),
    ...(usage === undefined ? {} : { usage }),
  };
}
