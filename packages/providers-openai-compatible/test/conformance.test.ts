import { runProviderConformance } from '@modelmesh/testing/vitest';
import { createOpenAICompatibleProvider, providerPlugin } from '../src/index.js';

const API_KEY = 'local-conformance-key-0001';

runProviderConformance({
  name: '@modelmesh/providers-openai-compatible',
  model: 'llama-3.1-8b-instruct',
  apiKey: API_KEY,
  create: (server) => createOpenAICompatibleProvider({ id: 'local', baseUrl: server.url, apiKey: API_KEY }),
});

// The same endpoint configured through the plugin, as config and auto-detection create it.
runProviderConformance({
  name: '@modelmesh/providers-openai-compatible (plugin)',
  model: 'llama-3.1-8b-instruct',
  apiKey: API_KEY,
  create: (server) => providerPlugin.create({ id: 'vllm', baseUrl: server.url, apiKey: API_KEY }),
});
