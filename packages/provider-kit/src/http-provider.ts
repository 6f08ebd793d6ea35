import type { ModelSpec, Provider, ProviderCall } from '@modelmesh/provider';

/**
 * A provider instance built on provider-kit's HTTP client: a {@link Provider} that also says
 * where it sends requests and which models it serves, and always has `listModels` and `close`.
 * Vendor packages extend it (adding `embed` where the vendor has embeddings).
 */
export interface HttpProvider extends Provider {
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The models this instance serves by default. */
  readonly models: readonly ModelSpec[];
  listModels(call?: Pick<ProviderCall, 'signal'>): Promise<ModelSpec[]>;
  /** Aborts the requests in flight and refuses new ones. */
  close(): Promise<void>;
}
