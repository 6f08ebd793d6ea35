import { NoSuchModelError, type ProviderV3 } from '@ai-sdk/provider';
import type { ProviderV2 } from '@ai-sdk/provider-v2';
import { createMesh, RoutingError, type CreateMeshOptions, type MeshClient } from '@modelmesh/core';
import { MeshEmbeddingModel, type MeshEmbeddingModelSettings } from './mesh-embedding-model.js';
import { MeshLanguageModel } from './mesh-language-model.js';
import { MeshEmbeddingModelV2, MeshLanguageModelV2 } from './mesh-v2-adapters.js';

/** What a mesh provider is made from: a client (from `create()` or `createMesh()`), or the options to make one. */
export type MeshSource = MeshClient | CreateMeshOptions;

/** Shared by the V3 and V2 providers. */
interface MeshProviderBase {
  /** The mesh client the models route through (its `usage`, `on()`, `explain()` and so on). */
  readonly client: MeshClient;
  /** Closes the client when this provider created it from options; a client passed in is left to its owner. */
  close(): Promise<void>;
}

/**
 * A mesh as an AI SDK provider for ai@6 (specification V3). Call it with a pool or
 * capability name: `generateText({ model: mesh('chat-completion'), prompt })`.
 */
export interface MeshProvider extends ProviderV3, MeshProviderBase {
  (pool: string): MeshLanguageModel;
  languageModel(pool: string): MeshLanguageModel;
  embeddingModel(pool: string, settings?: MeshEmbeddingModelSettings): MeshEmbeddingModel;
  textEmbeddingModel(pool: string, settings?: MeshEmbeddingModelSettings): MeshEmbeddingModel;
}

/** A mesh as an AI SDK provider for ai@5 (specification V2). */
export interface MeshProviderV2 extends ProviderV2, MeshProviderBase {
  (pool: string): MeshLanguageModelV2;
  languageModel(pool: string): MeshLanguageModelV2;
  textEmbeddingModel(pool: string, settings?: MeshEmbeddingModelSettings): MeshEmbeddingModelV2;
}

/** By shape rather than `instanceof`, so a client from another copy of core (a second install) is still a client. */
function isMeshClient(source: MeshSource): source is MeshClient {
  const candidate = source as Partial<MeshClient>;
  return typeof candidate.chat?.completions.create === 'function' && typeof candidate.embeddings?.create === 'function' && typeof candidate.poolStatus === 'function';
}

function openClient(source: MeshSource): { client: MeshClient; owned: boolean } {
  return isMeshClient(source) ? { client: source, owned: false } : { client: createMesh(source), owned: true };
}

/** Refuses a pool name the mesh cannot route, at once rather than on the first call. */
function requirePool(client: MeshClient, pool: string, modelType: 'languageModel' | 'embeddingModel'): void {
  try {
    client.poolStatus(pool);
  } catch (error) {
    if (RoutingError.isInstance(error)) throw new NoSuchModelError({ modelId: pool, modelType, message: error.message });
    throw error;
  }
}

function noImageModel(modelId: string): never {
  throw new NoSuchModelError({ modelId, modelType: 'imageModel', message: 'ModelMesh routes chat and embeddings; image models are not supported' });
}

function base(client: MeshClient, owned: boolean): MeshProviderBase {
  return { client, close: async () => (owned ? client.close() : undefined) };
}

/**
 * Makes a mesh usable as an AI SDK (ai@6) provider. Pass a `MeshClient` (e.g. from
 * `create()`) or the options `createMesh` takes.
 *
 * @example
 * ```ts
 * const mesh = createMeshProvider(create('chat-completion'));
 * const { text, providerMetadata } = await generateText({ model: mesh('chat-completion'), prompt: 'Hello!' });
 * console.log(text, providerMetadata?.modelmesh?.model);
 * ```
 */
export function createMeshProvider(source: MeshSource): MeshProvider {
  const { client, owned } = openClient(source);
  const languageModel = (pool: string) => {
    requirePool(client, pool, 'languageModel');
    return new MeshLanguageModel(pool, client);
  };
  const embeddingModel = (pool: string, settings?: MeshEmbeddingModelSettings) => {
    requirePool(client, pool, 'embeddingModel');
    return new MeshEmbeddingModel(pool, client, settings);
  };
  const provider = (pool: string) => languageModel(pool);
  return Object.assign(provider, base(client, owned), {
    specificationVersion: 'v3' as const,
    languageModel,
    embeddingModel,
    textEmbeddingModel: embeddingModel,
    imageModel: noImageModel,
  });
}

/**
 * Makes a mesh usable as an AI SDK (ai@5) provider: the same models, in specification V2.
 *
 * @example
 * ```ts
 * const mesh = createMeshProviderV2(create('chat-completion'));
 * const { text } = await generateText({ model: mesh('chat-completion'), prompt: 'Hello!' });
 * ```
 */
export function createMeshProviderV2(source: MeshSource): MeshProviderV2 {
  const v3 = createMeshProvider(source);
  const languageModel = (pool: string) => new MeshLanguageModelV2(v3.languageModel(pool));
  const provider = (pool: string) => languageModel(pool);
  return Object.assign(provider, base(v3.client, !isMeshClient(source)), {
    languageModel,
    textEmbeddingModel: (pool: string, settings?: MeshEmbeddingModelSettings) => new MeshEmbeddingModelV2(v3.textEmbeddingModel(pool, settings)),
    imageModel: noImageModel,
  });
}
