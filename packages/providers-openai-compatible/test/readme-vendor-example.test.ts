import type { ModelSpec } from '@modelmesh/provider';
import { afterEach, expect, it } from 'vitest';
import { createOpenAICompatibleFactory, createVendorPlugin, type OpenAICompatibleProvider, type ParamDropRule, type ProviderWarning } from '../src/internal.js';
import { type LocalServer, startServer } from './support/local-server.js';
import { completion, sendJson } from './support/openai-wire.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
});

it('the README vendor-package example declares a working vendor and plugin', async () => {
  server = await startServer((_req, res) => sendJson(res, 200, completion('Hi from Groq')));
  const GROQ_MODELS: readonly ModelSpec[] = [{ id: 'llama-3.1-8b-instant', capabilities: ['chat-completion'] }];
  // As in the README.
  const GROQ_ENV = { apiKey: 'GROQ_API_KEY', baseUrl: 'GROQ_BASE_URL' };
  const ONE_CHOICE: ParamDropRule = { params: ['n'], keep: (n) => n === null || n === 1 };
  const createGroq = createOpenAICompatibleFactory({
    connector: 'groq.llm.v1',
    name: 'Groq',
    defaultId: 'groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    env: GROQ_ENV,
    models: GROQ_MODELS,
    dropParams: ['logit_bias', 'top_logprobs'],
    paramDropRules: [ONE_CHOICE],
  });
  const providerPlugin = createVendorPlugin({ connector: 'groq.llm.v1', aliases: ['groq'], vendor: 'Groq', defaultId: 'groq', models: GROQ_MODELS, env: GROQ_ENV, create: createGroq });

  expect(providerPlugin.detect?.({ GROQ_API_KEY: 'gsk_1', GROQ_BASE_URL: server.url })).toEqual({ apiKey: 'gsk_1', baseUrl: server.url });
  const warnings: ProviderWarning[] = [];
  const groq = createGroq({ env: { GROQ_API_KEY: 'gsk_1', GROQ_BASE_URL: server.url }, onWarning: (w) => warnings.push(w) });
  const answer = await groq.chat({ model: 'llama-3.1-8b-instant', messages: [], n: 2, top_logprobs: 1 }, { signal: new AbortController().signal, timeouts: {} });
  expect(answer.choices[0]?.message.content).toBe('Hi from Groq');
  expect(JSON.parse(server.requests[0]?.body ?? '{}')).toEqual({ model: 'llama-3.1-8b-instant', messages: [] });
  expect(warnings.map((w) => w.message)).toEqual([
    'Provider "Groq" does not support "top_logprobs"; it was removed from the request',
    'Provider "Groq" does not support "n" with llama-3.1-8b-instant; it was removed from the request',
  ]);
  const fromConfig = providerPlugin.create({ id: 'groq-2', env: { GROQ_BASE_URL: server.url } }) as OpenAICompatibleProvider;
  expect([fromConfig.id, fromConfig.baseUrl]).toEqual(['groq-2', server.url]);
});
