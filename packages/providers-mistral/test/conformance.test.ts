import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createMistral } from '../src/index.js';

const API_KEY = 'mistral-conformance-key-0001';

runProviderConformance({
  name: '@modelmesh/providers-mistral',
  model: 'mistral-small-latest',
  apiKey: API_KEY,
  // Mistral rejects `stream_options` (usage comes in the last chunk unasked), so streams never ask.
  features: { streamUsage: false, embeddingModel: 'mistral-embed' },
  // The documented differences from the official client's body: two renames, and the
  // oracle's `user` and `metadata`, which Mistral rejects, dropped (mistral-quirks.test.ts
  // checks the drops and their warnings). Anything else must be equal.
  normalizeRequestBody: ({ max_tokens, random_seed, ...body }) =>
    'user' in body || 'metadata' in body ? body : { ...body, max_completion_tokens: max_tokens, seed: random_seed, user: 'conformance', metadata: { suite: 'conformance' } },
  create: (server) => createMistral({ apiKey: API_KEY, baseUrl: server.url, env: {}, onWarning: () => undefined }),
});
