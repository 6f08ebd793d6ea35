import type { ModelSpec } from '@modelmesh/provider';

/*
 * Default Groq models. Where the numbers come from: GroqCloud's models page
 * (console.groq.com/docs/models: context windows, output caps), its pricing page
 * (groq.com/pricing: USD per 1M tokens) and its rate-limits page
 * (console.groq.com/docs/rate-limits: the FREE plan's per-model RPM, RPD, TPM, TPD), as
 * published in 2026. They are DEFAULTS: a `models:` entry in config overrides any field
 * (`pricing`, `limits`, `context_window`, ...) for the same model id.
 *
 * `limits` are the free plan's. On the Developer (paid) plan they are much higher: override
 * them in config, or leave them out there (`limits: {}`), since the router also reads the real
 * state from Groq's `x-ratelimit-*` headers (`-requests` is the per-day window, `-tokens` the
 * per-minute one) on every response.
 *
 * `maxOutputTokens` is left out on purpose (each model's cap is in a comment): the router
 * reserves a request's worst case, prompt + `max_tokens` or else the model's `maxOutputTokens`,
 * against the `tpm` quota before sending it, and the free plan's TPM (6k-30k) is below most
 * caps (8k-131k), so a request without `max_tokens` could never be sent. Without it the router
 * assumes 4,096 output tokens. Set `max_tokens` on requests for tighter reservations, or add
 * `max_output_tokens` in config once your plan's `tpm` is above it.
 *
 * Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const VISION = 'image-to-text';
const JSON_OUTPUT = 'json-generation';
const SCHEMA_OUTPUT = 'schema-constrained-output';
const CODE = 'code-generation';

/** The chat models `@modelmesh/providers-groq` enables by default (Groq serves no embeddings). */
export const GROQ_MODELS: readonly ModelSpec[] = [
  {
    id: 'llama-3.3-70b-versatile',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, CODE],
    contextWindow: 131_072,
    // Max completion 32_768 tokens (see the note above on maxOutputTokens).
    features: { tools: true, parallelToolCalls: true, vision: false, json: true, streaming: true },
    pricing: { input: 0.59, output: 0.79 },
    limits: { rpm: 30, rpd: 1_000, tpm: 12_000, tpd: 100_000 },
  },
  {
    id: 'llama-3.1-8b-instant',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT],
    contextWindow: 131_072,
    // Max completion 131_072 tokens (see the note above on maxOutputTokens).
    features: { tools: true, parallelToolCalls: true, vision: false, json: true, streaming: true },
    pricing: { input: 0.05, output: 0.08 },
    limits: { rpm: 30, rpd: 14_400, tpm: 6_000, tpd: 500_000 },
  },
  {
    // Reasoning model (reasoning_effort low/medium/high); strict JSON-schema output.
    id: 'openai/gpt-oss-120b',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, SCHEMA_OUTPUT, CODE],
    contextWindow: 131_072,
    // Max completion 65_536 tokens (see the note above on maxOutputTokens).
    features: { tools: true, vision: false, json: true, streaming: true, reasoning: true },
    pricing: { input: 0.15, cachedInput: 0.075, output: 0.6 },
    limits: { rpm: 30, rpd: 1_000, tpm: 8_000, tpd: 200_000 },
  },
  {
    id: 'openai/gpt-oss-20b',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, SCHEMA_OUTPUT, CODE],
    contextWindow: 131_072,
    // Max completion 65_536 tokens (see the note above on maxOutputTokens).
    features: { tools: true, vision: false, json: true, streaming: true, reasoning: true },
    pricing: { input: 0.075, output: 0.3 },
    limits: { rpm: 30, rpd: 1_000, tpm: 8_000, tpd: 200_000 },
  },
  {
    // Image input (up to 5 images per request).
    id: 'meta-llama/llama-4-scout-17b-16e-instruct',
    capabilities: [CHAT, TOOLS, VISION, JSON_OUTPUT],
    contextWindow: 131_072,
    // Max completion 8_192 tokens (see the note above on maxOutputTokens).
    features: { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true },
    pricing: { input: 0.11, output: 0.34 },
    limits: { rpm: 30, rpd: 1_000, tpm: 30_000, tpd: 500_000 },
  },
  {
    // Reasoning model (reasoning_format / reasoning_effort).
    id: 'qwen/qwen3-32b',
    capabilities: [CHAT, TOOLS, JSON_OUTPUT, CODE],
    contextWindow: 131_072,
    // Max completion 40_960 tokens (see the note above on maxOutputTokens).
    features: { tools: true, parallelToolCalls: true, vision: false, json: true, streaming: true, reasoning: true },
    pricing: { input: 0.29, output: 0.59 },
    limits: { rpm: 60, rpd: 1_000, tpm: 6_000, tpd: 500_000 },
  },
];
