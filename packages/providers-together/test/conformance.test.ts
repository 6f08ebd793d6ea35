import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createTogether } from '../src/index.js';

const API_KEY = 'together-conformance-key-0001';

/** The one documented difference from the official client's body: Together's name for the output cap. */
const normalizeRequestBody = ({ max_tokens, ...body }: Record<string, unknown>) => ({ ...body, max_completion_tokens: max_tokens });

runProviderConformance({
  name: '@modelmesh/providers-together',
  model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  apiKey: API_KEY,
  features: { embeddings: true, embeddingModel: 'BAAI/bge-large-en-v1.5' },
  normalizeRequestBody,
  create: (server) => createTogether({ apiKey: API_KEY, baseUrl: server.url, env: {} }),
});
