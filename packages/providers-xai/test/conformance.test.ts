import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createXai } from '../src/index.js';

const API_KEY = 'xai-conformance-key-0001';

runProviderConformance({
  name: '@modelmesh/providers-xai',
  model: 'grok-3',
  apiKey: API_KEY,
  // xAI serves no embeddings.
  features: { embeddings: false },
  create: (server) => createXai({ apiKey: API_KEY, baseUrl: server.url, env: {} }),
});
