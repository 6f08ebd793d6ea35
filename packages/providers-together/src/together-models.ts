import type { ModelSpec } from '@modelmesh/provider';

/*
 * Default Together AI models: a few serverless ones. Together serves hundreds; list the ones
 * you want in config (`models:`), or ask `provider.listModels()` (GET /models). Where the
 * numbers come from: together.ai/pricing (serverless inference, USD per 1M tokens, the same
 * price for input and output on these models) and each model's page on together.ai/models
 * (context length), as listed in 2025. They are DEFAULTS: a `models:` entry in config
 * overrides any field for the same model id.
 *
 * Rate limits are left out on purpose: Together's limits depend on the account's tier (build
 * tiers by spend) and apply per account, not per model. Put yours in config as `limits`.
 *
 * Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const JSON_OUTPUT = 'json-generation';
const CODE = 'code-generation';

/** The chat and embedding models `@modelmesh/providers-together` enables by default. */
export const TOGETHER_MODELS: readonly ModelSpec[] = [
  {
    id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, CODE],
    contextWindow: 131_072,
    features: { tools: true, vision: false, json: true, streaming: true },
    pricing: { input: 0.88, output: 0.88 },
  },
  {
    id: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT],
    contextWindow: 131_072,
    features: { tools: true, vision: false, json: true, streaming: true },
    pricing: { input: 0.18, output: 0.18 },
  },
  {
    id: 'Qwen/Qwen2.5-72B-Instruct-Turbo',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, CODE],
    contextWindow: 32_768,
    features: { tools: true, vision: false, json: true, streaming: true },
    pricing: { input: 1.2, output: 1.2 },
  },
  {
    id: 'deepseek-ai/DeepSeek-V3',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, CODE],
    contextWindow: 131_072,
    features: { tools: true, vision: false, json: true, streaming: true },
    pricing: { input: 1.25, output: 1.25 },
  },
  {
    // 1024-dimensional vectors; inputs of up to 512 tokens.
    id: 'BAAI/bge-large-en-v1.5',
    capabilities: ['text-embeddings'],
    contextWindow: 512,
    pricing: { input: 0.02 },
  },
];
