import type { ModelSpec } from '@modelmesh/provider';

/*
 * Default OpenAI models. Where the numbers come from: OpenAI's model pages and pricing page
 * (platform.openai.com/docs/models, openai.com/api/pricing) as published for the standard
 * tier; prices are USD per 1M tokens. They are DEFAULTS: a `models:` entry in config
 * overrides any field (`pricing`, `context_window`, ...) for the same model id, and prices
 * change, so check them before you rely on budgets.
 *
 * Rate limits are left out on purpose: OpenAI's limits depend on the account's usage tier
 * (and change with it), and the router learns the real ones from the `x-ratelimit-*`
 * headers of every response. Put your tier's `limits` in config if you want quotas enforced
 * before the first request.
 *
 * Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const VISION = 'image-to-text';
const JSON_OUTPUT = 'json-generation';
const SCHEMA_OUTPUT = 'schema-constrained-output';
const CODE = 'code-generation';

/** GPT chat models with tools, vision and Structured Outputs. */
const fullChat = [CHAT, TOOLS, VISION, JSON_OUTPUT, SCHEMA_OUTPUT, CODE] as const;

/** The chat and embedding models `@modelmesh/providers-openai` enables by default. */
export const OPENAI_MODELS: readonly ModelSpec[] = [
  {
    id: 'gpt-5',
    capabilities: fullChat,
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    features: { tools: true, vision: true, json: true, streaming: true, reasoning: true, prefill: false },
    pricing: { input: 1.25, cachedInput: 0.125, output: 10 },
  },
  {
    id: 'gpt-5-mini',
    capabilities: fullChat,
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    features: { tools: true, vision: true, json: true, streaming: true, reasoning: true, prefill: false },
    pricing: { input: 0.25, cachedInput: 0.025, output: 2 },
  },
  {
    id: 'gpt-5-nano',
    capabilities: fullChat,
    contextWindow: 400_000,
    maxOutputTokens: 128_000,
    features: { tools: true, vision: true, json: true, streaming: true, reasoning: true, prefill: false },
    pricing: { input: 0.05, cachedInput: 0.005, output: 0.4 },
  },
  {
    id: 'gpt-4.1',
    capabilities: fullChat,
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: false },
    pricing: { input: 2, cachedInput: 0.5, output: 8 },
  },
  {
    id: 'gpt-4.1-mini',
    capabilities: fullChat,
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: false },
    pricing: { input: 0.4, cachedInput: 0.1, output: 1.6 },
  },
  {
    id: 'gpt-4.1-nano',
    capabilities: fullChat,
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: false },
    pricing: { input: 0.1, cachedInput: 0.025, output: 0.4 },
  },
  {
    id: 'gpt-4o',
    capabilities: fullChat,
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: false },
    pricing: { input: 2.5, cachedInput: 1.25, output: 10 },
  },
  {
    id: 'gpt-4o-mini',
    capabilities: fullChat,
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: false },
    pricing: { input: 0.15, cachedInput: 0.075, output: 0.6 },
  },
  {
    // Reasoning model: no temperature/top_p/logprobs; send max_completion_tokens.
    id: 'o3',
    capabilities: fullChat,
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    features: { tools: true, vision: true, json: true, streaming: true, reasoning: true, prefill: false },
    pricing: { input: 2, cachedInput: 0.5, output: 8 },
  },
  {
    id: 'o4-mini',
    capabilities: fullChat,
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    features: { tools: true, vision: true, json: true, streaming: true, reasoning: true, prefill: false },
    pricing: { input: 1.1, cachedInput: 0.275, output: 4.4 },
  },
  {
    // Text only: o3-mini takes no image input.
    id: 'o3-mini',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, SCHEMA_OUTPUT, CODE],
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    features: { tools: true, vision: false, json: true, streaming: true, reasoning: true, prefill: false },
    pricing: { input: 1.1, cachedInput: 0.55, output: 4.4 },
  },
  {
    id: 'text-embedding-3-small',
    capabilities: ['text-embeddings'],
    contextWindow: 8191,
    pricing: { input: 0.02 },
  },
  {
    id: 'text-embedding-3-large',
    capabilities: ['text-embeddings'],
    contextWindow: 8191,
    pricing: { input: 0.13 },
  },
];
