// Run only by test/conformance-catches-defects.test.ts, in a child vitest: these suites are meant to fail.
import { runGeminiProviderConformance } from '@modelmesh/testing/vitest';
import { DEFECTS } from './broken-providers.js';

const API_KEY = 'AIzaSyBrokenProviderKey-0001';

for (const [name, build] of Object.entries(DEFECTS)) {
  runGeminiProviderConformance({
    name,
    apiKey: API_KEY,
    create: (server) => build(server.url, API_KEY),
    features: { embeddings: true, validateOutput: false },
  });
}
