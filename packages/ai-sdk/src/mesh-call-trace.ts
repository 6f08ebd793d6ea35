import type { RequestCompletedEvent, RequestOptions, RequestRoutedEvent } from '@modelmesh/core';

/**
 * What `providerMetadata.modelmesh` holds after a call: which pool, model and provider served
 * it, how many attempts it took and what it cost.
 */
export interface MeshProviderMetadata {
  /** The mesh's request id (as in its events). */
  requestId: string;
  /** The pool the virtual model name resolved to. */
  pool: string;
  /** The mesh's key of the model that answered (its `models:` entry). */
  model: string;
  /** The provider instance (the `providers:` entry id) that answered. */
  provider: string;
  /** The vendor's model id that answered, as the vendor named it. */
  modelId: string;
  /** Attempts the request took, failed ones included. */
  attempts: number;
  /** Cost of the call in USD (0 when the model has no price). */
  costUsd: number;
}

/**
 * Records a request's routing through the per-request callbacks, so the answer can say who
 * served it. For a stream, `completed` arrives when the stream has ended.
 */
export class MeshCallTrace {
  private routed: RequestRoutedEvent | undefined;
  private completed: RequestCompletedEvent | undefined;

  /** `options` with this trace's callbacks added. */
  attach(options: RequestOptions): RequestOptions {
    return { ...options, onRouted: (event) => (this.routed = event), onCompleted: (event) => (this.completed = event) };
  }

  /** The metadata known so far; `answeredModelId` fills in the vendor's id before completion. */
  metadata(answeredModelId?: string): MeshProviderMetadata | undefined {
    const routed = this.routed;
    const done = this.completed;
    const model = done?.modelKey ?? routed?.modelKey;
    const provider = done?.providerId ?? routed?.providerId;
    const requestId = done?.requestId ?? routed?.requestId;
    const pool = done?.poolName ?? routed?.poolName;
    if (model === undefined || provider === undefined || requestId === undefined || pool === undefined) return undefined;
    return {
      requestId,
      pool,
      model,
      provider,
      modelId: done?.modelId ?? answeredModelId ?? model,
      attempts: done?.attempts ?? routed?.attempt ?? 1,
      costUsd: done?.cost ?? 0,
    };
  }

  /** `{ modelmesh: metadata }`, or undefined when the call was never routed. */
  providerMetadata(answeredModelId?: string): { modelmesh: MeshProviderMetadata & Record<string, string | number> } | undefined {
    const metadata = this.metadata(answeredModelId);
    return metadata ? { modelmesh: { ...metadata } } : undefined;
  }
}
