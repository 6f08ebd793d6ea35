import type { ModelSpec } from '@modelmesh/provider';

/*
 * Default OpenRouter models: a few well-known ids. OpenRouter serves hundreds; list the ones
 * you want in config (`models:`), or ask `provider.listModels()` (GET /models). Where the
 * numbers come from: each model's page on openrouter.ai/models (context length, max output,
 * USD per 1M tokens) as listed in 2025-2026, and OpenRouter's limits page
 * (openrouter.ai/docs/api-reference/limits) for the `:free` variants: 20 requests per minute
 * and 50 per day (1,000 per day once the account has bought at least 10 credits: override
 * `limits` in config then). They are DEFAULTS: a `models:` entry in config overrides any field
 * for the same model id.
 *
 * Prices matter less here than elsewhere: this package asks OpenRouter for usage accounting
 * (`usage: { include: true }`), and the router bills the `usage.cost` OpenRouter reports,
 * which reflects the upstream provider that actually served the request. The prices below are
 * used for estimates before a request (budgets, cost-first routing).
 *
 * Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const VISION = 'image-to-text';
const JSON_OUTPUT = 'json-generation';
const SCHEMA_OUTPUT = 'schema-constrained-output';
const CODE = 'code-generation';

/** The chat models `@modelmesh/providers-openrouter` enables by default. */
export const OPENROUTER_MODELS: readonly ModelSpec[] = [
  {
    id: 'openai/gpt-4o-mini',
    capabilities: [CHAT, TOOLS, VISION, JSON_OUTPUT, SCHEMA_OUTPUT, CODE],
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true },
    pricing: { input: 0.15, cachedInput: 0.075, output: 0.6 },
  },
  {
    id: 'anthropic/claude-sonnet-4',
    capabilities: [CHAT, TOOLS, VISION, CODE],
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    features: { tools: true, vision: true, streaming: true },
    pricing: { input: 3, cachedInput: 0.3, output: 15 },
  },
  {
    id: 'google/gemini-2.5-flash',
    capabilities: [CHAT, TOOLS, VISION, JSON_OUTPUT, SCHEMA_OUTPUT, CODE],
    contextWindow: 1_048_576,
    maxOutputTokens: 65_535,
    features: { tools: true, vision: true, json: true, streaming: true },
    pricing: { input: 0.3, output: 2.5 },
  },
  {
    // A free variant: no charge, OpenRouter's free-model limits.
    id: 'meta-llama/llama-3.3-70b-instruct:free',
    capabilities: [CHAT],
    contextWindow: 131_072,
    features: { vision: false, streaming: true },
    pricing: { input: 0, output: 0 },
    limits: { rpm: 20, rpd: 50 },
  },
];
