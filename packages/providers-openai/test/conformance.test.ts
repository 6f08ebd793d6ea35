import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createOpenAI } from '../src/index.js';

const API_KEY = 'sk-conformance-openai-0001';

runProviderConformance({
  name: '@modelmesh/providers-openai',
  model: 'gpt-4o-mini',
  apiKey: API_KEY,
  create: (server) => createOpenAI({ apiKey: API_KEY, baseUrl: server.url, env: {} }),
});
