import type { EmbeddingModelV3, EmbeddingModelV3CallOptions, EmbeddingModelV3Result } from '@ai-sdk/provider';
import type { MeshClient } from '@modelmesh/core';
import { MeshCallTrace } from './mesh-call-trace.js';
import { MESH_PROVIDER_NAME } from './mesh-language-model.js';
import { mapMeshError } from './map-mesh-error.js';
import { parseMeshProviderOptions } from './mesh-provider-options.js';

/** Settings of a mesh embedding model. */
export interface MeshEmbeddingModelSettings {
  /**
   * Most values sent in one mesh request; the AI SDK's `embedMany` splits larger inputs.
   * Default 2048, OpenAI's limit; lower it when a pool holds a vendor with a smaller one.
   */
  maxEmbeddingsPerCall?: number;
  /** Output dimensions, for models that can shorten their vectors (OpenAI's `dimensions`). */
  dimensions?: number;
}

/**
 * A mesh embedding pool as an AI SDK `EmbeddingModelV3` (ai@6): `embed` and `embedMany` go
 * through the pool's retries and failover; usage and cost land in the mesh's tracker.
 */
export class MeshEmbeddingModel implements EmbeddingModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = MESH_PROVIDER_NAME;
  readonly maxEmbeddingsPerCall: number;
  readonly supportsParallelCalls = true;

  /** @param modelId The embedding pool or capability the mesh routes to. */
  constructor(
    readonly modelId: string,
    private readonly client: MeshClient,
    private readonly settings: MeshEmbeddingModelSettings = {},
  ) {
    this.maxEmbeddingsPerCall = settings.maxEmbeddingsPerCall ?? 2048;
  }

  async doEmbed(options: EmbeddingModelV3CallOptions): Promise<EmbeddingModelV3Result> {
    const meshOptions = parseMeshProviderOptions(options.providerOptions);
    const params = {
      model: this.modelId,
      input: options.values,
      ...(this.settings.dimensions !== undefined ? { dimensions: this.settings.dimensions } : {}),
      ...(meshOptions.user !== undefined ? { user: meshOptions.user } : {}),
    };
    const headers = options.headers ? Object.fromEntries(Object.entries(options.headers).filter((entry): entry is [string, string] => entry[1] !== undefined)) : undefined;
    const trace = new MeshCallTrace();
    const requestOptions = trace.attach({
      ...(options.abortSignal ? { signal: options.abortSignal } : {}),
      ...(headers ? { headers } : {}),
      ...(meshOptions.sessionId !== undefined ? { sessionId: meshOptions.sessionId } : {}),
      ...(meshOptions.timeout !== undefined ? { timeout: meshOptions.timeout } : {}),
    });
    let response;
    try {
      response = await this.client.embeddings.create(params, requestOptions);
    } catch (error) {
      throw mapMeshError(error, this.modelId, params);
    }
    const providerMetadata = trace.providerMetadata(response.model);
    return {
      embeddings: [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding),
      usage: { tokens: response.usage.prompt_tokens },
      ...(providerMetadata ? { providerMetadata } : {}),
      response: { body: response },
      warnings: [],
    };
  }
}
