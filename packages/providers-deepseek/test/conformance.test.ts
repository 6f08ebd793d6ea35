import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createDeepSeek } from '../src/index.js';

const API_KEY = 'sk-deepseek-conformance-0001';

/** The one documented difference from the official client's body: DeepSeek's name for the output cap. */
const normalizeRequestBody = ({ max_tokens, ...body }: Record<string, unknown>) => ({ ...body, max_completion_tokens: max_tokens });

runProviderConformance({
  name: '@modelmesh/providers-deepseek',
  model: 'deepseek-chat',
  apiKey: API_KEY,
  // DeepSeek serves no embeddings.
  features: { embeddings: false },
  normalizeRequestBody,
  create: (server) => createDeepSeek({ apiKey: API_KEY, baseUrl: server.url, env: {} }),
});
