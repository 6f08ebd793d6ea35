export { createMeshProvider, createMeshProviderV2, type MeshProvider, type MeshProviderV2, type MeshSource } from './mesh-provider.js';
export { MeshLanguageModel, MESH_PROVIDER_NAME } from './mesh-language-model.js';
export { MeshEmbeddingModel, type MeshEmbeddingModelSettings } from './mesh-embedding-model.js';
export { MeshLanguageModelV2, MeshEmbeddingModelV2 } from './mesh-v2-adapters.js';
export type { MeshProviderMetadata } from './mesh-call-trace.js';
export type { MeshCallProviderOptions } from './mesh-provider-options.js';
export { mapMeshError } from './map-mesh-error.js';
