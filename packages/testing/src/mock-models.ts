import type { ModelSpec } from '@modelmesh/core';

/** A model a mock serves: a full spec, or just its id (then it offers `chat-completion`). */
export type MockModel = string | ModelSpec;

/** Capabilities of a model given only by id. */
export const DEFAULT_MOCK_CAPABILITIES: readonly string[] = ['chat-completion'];

/** Turns model ids into specs with the default capabilities; specs pass through. */
export function toModelSpecs(models: readonly MockModel[]): ModelSpec[] {
  return models.map((model) => (typeof model === 'string' ? { id: model, capabilities: [...DEFAULT_MOCK_CAPABILITIES] } : model));
}

/** True when a spec declares an embeddings capability (`text-embeddings`, `embeddings`, or a path ending in one). */
export function servesEmbeddings(spec: ModelSpec): boolean {
  return spec.capabilities.some((name) => /(^|[.-])embeddings$/.test(name));
}
