import { runAnthropicConformance } from '@modelmesh/testing/vitest';
import { createAnthropic } from '../src/index.js';

const API_KEY = 'sk-ant-conformance-0001';

runAnthropicConformance({
  name: '@modelmesh/providers-anthropic',
  model: 'claude-haiku-4-5',
  apiKey: API_KEY,
  create: (server) => createAnthropic({ apiKey: API_KEY, baseUrl: server.url, env: {}, onWarning: () => undefined }),
});
