import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createOpenRouter } from '../src/index.js';

const API_KEY = 'sk-or-v1-conformance-0001';

/** The one documented difference from the official client's body: chat requests ask for usage accounting. */
function normalizeRequestBody(body: Record<string, unknown>): Record<string, unknown> {
  const { usage, ...rest } = body;
  return JSON.stringify(usage) === '{"include":true}' ? rest : body;
}

runProviderConformance({
  name: '@modelmesh/providers-openrouter',
  model: 'openai/gpt-4o-mini',
  apiKey: API_KEY,
  // No embedding models among the defaults.
  features: { embeddings: false },
  normalizeRequestBody,
  create: (server) => createOpenRouter({ apiKey: API_KEY, baseUrl: server.url, env: {} }),
});
