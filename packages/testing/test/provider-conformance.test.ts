import { runProviderConformance } from '../src/conformance/index.js';
import { createReferenceProvider } from './support/reference-provider.js';

// The suite checks itself against a small, correct provider written for this purpose.
runProviderConformance({
  name: 'reference provider',
  model: 'gpt-4o-mini',
  apiKey: 'sk-conformance-0123456789abcdef',
  create: (server) => createReferenceProvider({ baseUrl: server.url, apiKey: 'sk-conformance-0123456789abcdef' }),
  features: { embeddings: true },
});

runProviderConformance({
  name: 'reference provider without tools, idle timeout or embeddings',
  model: 'local-model',
  create: (server) => {
    const provider = createReferenceProvider({ id: 'local', baseUrl: server.url });
    const { embed: _embed, ...rest } = provider;
    return rest;
  },
  features: { tools: false, enforcesIdleTimeout: false, embeddings: false },
});
