import type { ModelSpec, QuotaLimits } from '@modelmesh/provider';

/*
 * Default Gemini models. Where the numbers come from (check them before relying on budgets):
 *
 * - context windows and output limits: Google's model pages (ai.google.dev/gemini-api/docs/models),
 *   the `inputTokenLimit` / `outputTokenLimit` the API's own `models.list` reports. `contextWindow`
 *   here is the input limit;
 * - prices: ai.google.dev/gemini-api/docs/pricing, paid tier, Standard, USD per 1M tokens for text,
 *   image and video input. Gemini 2.5 Pro costs more above 200k prompt tokens (input 2.50, output 15);
 *   the table holds the ≤ 200k price. Audio input costs more on the Flash models. `cachedInput` is
 *   the context-caching price. Output prices include thinking tokens;
 * - free-tier limits: ai.google.dev/gemini-api/docs/rate-limits, free tier, as published in 2025
 *   (requests per minute / per day and tokens per minute). Google changes them from time to time.
 *
 * Limits are on by default because a new AI Studio key is on the free tier; `createGoogle({ tier:
 * 'paid' })` (config: `options.tier: paid`) drops them, and a `models:` entry in config overrides any
 * field for the same model id. Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const VISION = 'image-to-text';
const JSON_OUTPUT = 'json-generation';
const SCHEMA_OUTPUT = 'schema-constrained-output';
const CODE = 'code-generation';

/** Gemini chat models: tools, image input, JSON mode and response schemas. */
const fullChat = [CHAT, TOOLS, VISION, JSON_OUTPUT, SCHEMA_OUTPUT, CODE] as const;

const chatFeatures = { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: false } as const;

/** Free-tier quotas per model id (see the header comment for the source). */
export const GOOGLE_FREE_TIER_LIMITS: Readonly<Record<string, Readonly<QuotaLimits>>> = {
  'gemini-2.5-pro': { rpm: 5, tpm: 250_000, rpd: 100 },
  'gemini-2.5-flash': { rpm: 10, tpm: 250_000, rpd: 250 },
  'gemini-2.5-flash-lite': { rpm: 15, tpm: 250_000, rpd: 1000 },
  'gemini-2.0-flash': { rpm: 15, tpm: 1_000_000, rpd: 200 },
  'gemini-2.0-flash-lite': { rpm: 30, tpm: 1_000_000, rpd: 200 },
  'gemini-embedding-001': { rpm: 100, tpm: 30_000, rpd: 1000 },
};

const MODELS_WITHOUT_LIMITS: readonly ModelSpec[] = [
  {
    id: 'gemini-2.5-pro',
    capabilities: fullChat,
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    // Always thinks before it answers.
    features: { ...chatFeatures, reasoning: true },
    pricing: { input: 1.25, cachedInput: 0.125, output: 10 },
  },
  {
    id: 'gemini-2.5-flash',
    capabilities: fullChat,
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    features: chatFeatures,
    pricing: { input: 0.3, cachedInput: 0.03, output: 2.5 },
  },
  {
    id: 'gemini-2.5-flash-lite',
    capabilities: fullChat,
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    features: chatFeatures,
    pricing: { input: 0.1, cachedInput: 0.01, output: 0.4 },
  },
  {
    id: 'gemini-2.0-flash',
    capabilities: fullChat,
    contextWindow: 1_048_576,
    maxOutputTokens: 8192,
    features: chatFeatures,
    pricing: { input: 0.1, cachedInput: 0.025, output: 0.4 },
  },
  {
    id: 'gemini-2.0-flash-lite',
    capabilities: fullChat,
    contextWindow: 1_048_576,
    maxOutputTokens: 8192,
    features: chatFeatures,
    pricing: { input: 0.075, output: 0.3 },
  },
  {
    // 3072 dimensions by default; `dimensions` (outputDimensionality) takes 768 or 1536 too.
    id: 'gemini-embedding-001',
    capabilities: ['text-embeddings'],
    contextWindow: 2048,
    pricing: { input: 0.15 },
  },
  {
    // 768 dimensions. Listed without charge on the pricing page; Google has announced its retirement in favour of gemini-embedding-001.
    id: 'text-embedding-004',
    capabilities: ['text-embeddings'],
    contextWindow: 2048,
    pricing: { input: 0 },
  },
];

/** The default models with the free tier's limits where Google publishes them. */
export const GOOGLE_MODELS: readonly ModelSpec[] = MODELS_WITHOUT_LIMITS.map((model) => {
  const limits = GOOGLE_FREE_TIER_LIMITS[model.id];
  return limits === undefined ? model : { ...model, limits };
});

/** The default models without quota limits, for paid tiers (whose limits depend on the account). */
export const GOOGLE_PAID_TIER_MODELS: readonly ModelSpec[] = MODELS_WITHOUT_LIMITS;
