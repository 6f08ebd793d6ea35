import type { CreateEmbeddingResponse, EmbeddingCreateParams } from '@modelmesh/core';
import { seededRandom } from './seeded-random.js';

/** Default vector length when the request does not ask for `dimensions`. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 8;

/** FNV-1a, 32 bits: a small stable hash, so the same text always gets the same vector. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A unit-length vector derived from a hash of the model id and the input. */
export function embeddingVector(model: string, input: string, dimensions: number): number[] {
  const random = seededRandom(fnv1a(`${model}\u0000${input}`));
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.sqrt(raw.reduce((sum, x) => sum + x * x, 0)) || 1;
  return raw.map((x) => x / norm);
}

/** The inputs of a request, one string each (token arrays are hashed by their JSON). */
function inputsOf(input: EmbeddingCreateParams['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.length === 0) return [];
  if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  return (input as Array<string | number[]>).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/** Deterministic embeddings for a request: the same model, input and dimensions always give the same vectors. */
export function mockEmbeddings(request: EmbeddingCreateParams, model: string): CreateEmbeddingResponse {
  const dimensions = request.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  const inputs = inputsOf(request.input);
  const tokens = inputs.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
  return {
    object: 'list',
    model,
    data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: embeddingVector(model, text, dimensions) })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
