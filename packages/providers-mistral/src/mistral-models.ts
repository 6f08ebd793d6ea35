import type { ModelSpec } from '@modelmesh/provider';

/*
 * Default Mistral models. Where the numbers come from: Mistral's model overview and pricing
 * pages (docs.mistral.ai/getting-started/models, mistral.ai/pricing) for the model each
 * `-latest` alias pointed to in mid-2026, USD per 1M tokens. Mistral moves its `-latest`
 * aliases to newer releases and their prices move with them, so these are DEFAULTS: a
 * `models:` entry in config overrides any field (`pricing`, `context_window`, ...) for the
 * same model id. Mistral publishes no output cap separate from the context window, so
 * `maxOutputTokens` is left out.
 *
 * Rate limits are left out on purpose: they belong to the workspace's tier (shown in
 * Mistral's console), not to a model, and the router reads the real ones from the
 * `x-ratelimit-*-minute` headers of every response (see mistral-quirks.ts). Put your tier's
 * `limits` in config to have quotas enforced before the first request.
 *
 * Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const VISION = 'image-to-text';
const JSON_OUTPUT = 'json-generation';
const SCHEMA_OUTPUT = 'schema-constrained-output';
const CODE = 'code-generation';

const textChat = [CHAT, TOOLS, JSON_OUTPUT, SCHEMA_OUTPUT, CODE] as const;
const visionChat = [CHAT, TOOLS, VISION, JSON_OUTPUT, SCHEMA_OUTPUT, CODE] as const;

/** The chat and embedding models `@modelmesh/providers-mistral` enables by default. */
export const MISTRAL_MODELS: readonly ModelSpec[] = [
  {
    // Mistral Large 3: multimodal, 256k context.
    id: 'mistral-large-latest',
    capabilities: visionChat,
    contextWindow: 262_144,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: true },
    pricing: { input: 0.5, output: 1.5 },
  },
  {
    id: 'mistral-medium-latest',
    capabilities: visionChat,
    contextWindow: 131_072,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: true },
    pricing: { input: 1.5, output: 7.5 },
  },
  {
    id: 'mistral-small-latest',
    capabilities: visionChat,
    contextWindow: 131_072,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: true },
    pricing: { input: 0.1, output: 0.3 },
  },
  {
    // Code model (also fill-in-the-middle on /fim/completions, which this package does not wrap).
    id: 'codestral-latest',
    capabilities: textChat,
    contextWindow: 262_144,
    features: { tools: true, parallelToolCalls: true, vision: false, json: true, streaming: true, prefill: true },
    pricing: { input: 0.3, output: 0.9 },
  },
  {
    id: 'ministral-8b-latest',
    capabilities: textChat,
    contextWindow: 131_072,
    features: { tools: true, parallelToolCalls: true, vision: false, json: true, streaming: true, prefill: true },
    pricing: { input: 0.15, output: 0.15 },
  },
  {
    id: 'pixtral-large-latest',
    capabilities: visionChat,
    contextWindow: 131_072,
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: true },
    pricing: { input: 2, output: 6 },
  },
  {
    // 1024-dimensional vectors.
    id: 'mistral-embed',
    capabilities: ['text-embeddings'],
    contextWindow: 8192,
    pricing: { input: 0.1 },
  },
];
