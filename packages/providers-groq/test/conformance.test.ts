import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createGroq } from '../src/index.js';

const API_KEY = 'gsk_conformance_key_0001';

runProviderConformance({
  name: '@modelmesh/providers-groq',
  model: 'llama-3.3-70b-versatile',
  apiKey: API_KEY,
  // Groq serves no embeddings.
  features: { embeddings: false },
  create: (server) => createGroq({ apiKey: API_KEY, baseUrl: server.url, env: {} }),
});
