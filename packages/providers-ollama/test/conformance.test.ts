import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createOllama } from '../src/index.js';

/** The one documented difference from the official client's body: Ollama reads the output cap only as max_tokens. */
const normalizeRequestBody = ({ max_tokens, ...body }: Record<string, unknown>) => ({ ...body, max_completion_tokens: max_tokens });

// An Ollama behind an authenticating proxy: the key must reach it and never show in errors.
runProviderConformance({
  name: '@modelmesh/providers-ollama',
  model: 'llama3.2',
  apiKey: 'ollama-proxy-key-0001',
  features: { embeddings: true, embeddingModel: 'nomic-embed-text' },
  normalizeRequestBody,
  create: (server) => createOllama({ baseUrl: server.url, apiKey: 'ollama-proxy-key-0001', env: {} }),
});
