import { runGeminiProviderConformance } from '@modelmesh/testing/vitest';
import { createGoogle } from '../src/index.js';

const API_KEY = 'AIzaSyConformanceGoogleKey0001';

runGeminiProviderConformance({
  name: '@modelmesh/providers-google',
  model: 'gemini-2.5-flash',
  apiKey: API_KEY,
  create: (server) => createGoogle({ apiKey: API_KEY, baseUrl: server.url, env: {}, onWarning: () => undefined }),
  features: { embeddings: true },
});
