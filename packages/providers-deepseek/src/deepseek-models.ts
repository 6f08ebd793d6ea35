import type { ModelSpec } from '@modelmesh/provider';

/*
 * Default DeepSeek models. Where the numbers come from: DeepSeek's "Models & Pricing" page
 * (api-docs.deepseek.com/quick_start/pricing) as published in 2026, when both ids served
 * DeepSeek-V3.2 (`deepseek-chat` in non-thinking mode, `deepseek-reasoner` in thinking mode),
 * with a 128K context. Prices are USD per 1M tokens; `cachedInput` is DeepSeek's cache-hit
 * input price (context caching is automatic; responses report `prompt_cache_hit_tokens`,
 * which this package also puts in `prompt_tokens_details.cached_tokens` so the router prices
 * it). They are DEFAULTS: a `models:` entry in config overrides any field for the same model
 * id, and DeepSeek changes prices and the model behind each id, so check before relying on
 * budgets.
 *
 * DeepSeek publishes no rate limits (it serves what it can and keeps slow connections open),
 * so there are none here.
 *
 * JSON output is `response_format: { type: "json_object" }` only (no `json_schema`), hence
 * no `schema-constrained-output`. Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const JSON_OUTPUT = 'json-generation';
const CODE = 'code-generation';

/** The chat models `@modelmesh/providers-deepseek` enables by default (DeepSeek serves no embeddings). */
export const DEEPSEEK_MODELS: readonly ModelSpec[] = [
  {
    // Non-thinking mode. Default output 4K tokens when max_tokens is unset.
    id: 'deepseek-chat',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, CODE],
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    features: { tools: true, vision: false, json: true, streaming: true, prefill: true },
    pricing: { input: 0.28, cachedInput: 0.028, output: 0.42 },
  },
  {
    // Thinking mode: `reasoning_content` beside `content`. Default output 32K tokens; the
    // output count (and price) includes the reasoning.
    id: 'deepseek-reasoner',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, CODE],
    contextWindow: 131_072,
    maxOutputTokens: 65_536,
    features: { tools: true, vision: false, json: true, streaming: true, reasoning: true },
    pricing: { input: 0.28, cachedInput: 0.028, output: 0.42 },
  },
];
