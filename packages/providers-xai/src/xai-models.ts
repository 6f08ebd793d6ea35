import type { ModelSpec } from '@modelmesh/provider';

/*
 * Default xAI (Grok) models. Where the numbers come from: xAI's "Models and Pricing" page
 * (docs.x.ai/docs/models) as published in late 2025: context windows and USD per 1M tokens
 * (input, cached input, output). They are DEFAULTS: a `models:` entry in config overrides any
 * field for the same model id. xAI publishes no output cap separate from the context window,
 * so `maxOutputTokens` is left out.
 *
 * Rate limits are left out on purpose: xAI's per-model limits (requests and tokens per
 * minute) depend on the team's tier and are shown in xAI's console. Put yours in config.
 *
 * Reasoning models (grok-4, grok-4-fast-reasoning, grok-code-fast-1, grok-3-mini) reject
 * `presence_penalty`, `frequency_penalty` and `stop`, and the grok-4 family rejects
 * `reasoning_effort`: this package removes them (see xai-quirks.ts).
 *
 * Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const VISION = 'image-to-text';
const JSON_OUTPUT = 'json-generation';
const SCHEMA_OUTPUT = 'schema-constrained-output';
const CODE = 'code-generation';

const chat = [CHAT, TOOLS, JSON_OUTPUT, SCHEMA_OUTPUT, CODE] as const;

/** The chat models `@modelmesh/providers-xai` enables by default (xAI serves no embeddings). */
export const XAI_MODELS: readonly ModelSpec[] = [
  {
    // Reasoning only (alias of grok-4-0709).
    id: 'grok-4',
    capabilities: chat,
    contextWindow: 256_000,
    features: { tools: true, parallelToolCalls: true, json: true, streaming: true, reasoning: true },
    pricing: { input: 3, cachedInput: 0.75, output: 15 },
  },
  {
    // Prices for prompts up to 128K tokens; longer prompts cost $0.40 / $1.00.
    id: 'grok-4-fast-reasoning',
    capabilities: chat,
    contextWindow: 2_000_000,
    features: { tools: true, parallelToolCalls: true, json: true, streaming: true, reasoning: true },
    pricing: { input: 0.2, cachedInput: 0.05, output: 0.5 },
  },
  {
    id: 'grok-4-fast-non-reasoning',
    capabilities: chat,
    contextWindow: 2_000_000,
    features: { tools: true, parallelToolCalls: true, json: true, streaming: true },
    pricing: { input: 0.2, cachedInput: 0.05, output: 0.5 },
  },
  {
    // Reasoning model for agentic coding.
    id: 'grok-code-fast-1',
    capabilities: chat,
    contextWindow: 256_000,
    features: { tools: true, parallelToolCalls: true, vision: false, json: true, streaming: true },
    pricing: { input: 0.2, cachedInput: 0.02, output: 1.5 },
  },
  {
    id: 'grok-3',
    capabilities: chat,
    contextWindow: 131_072,
    features: { tools: true, parallelToolCalls: true, vision: false, json: true, streaming: true },
    pricing: { input: 3, cachedInput: 0.75, output: 15 },
  },
  {
    // Reasoning model; `reasoning_effort` low/high; thinking in `reasoning_content`.
    id: 'grok-3-mini',
    capabilities: chat,
    contextWindow: 131_072,
    features: { tools: true, parallelToolCalls: true, vision: false, json: true, streaming: true, reasoning: true },
    pricing: { input: 0.3, cachedInput: 0.075, output: 0.5 },
  },
  {
    // Image input (image tokens at the text input price).
    id: 'grok-2-vision-1212',
    capabilities: [CHAT, TOOLS, VISION, JSON_OUTPUT],
    contextWindow: 32_768,
    features: { tools: true, vision: true, json: true, streaming: true },
    pricing: { input: 2, output: 10 },
  },
];
