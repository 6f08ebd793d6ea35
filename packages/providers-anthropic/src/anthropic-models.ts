import type { ModelSpec } from '@modelmesh/provider';

/*
 * Default Claude models. Where the numbers come from: Anthropic's model pages and pricing page
 * (platform.claude.com/docs/en/about-claude/models/overview, .../models/<model>/overview and
 * .../about-claude/pricing) for the standard tier, checked against the model ids of the official
 * `@anthropic-ai/sdk` 1.12.0 (Nov 2026). Prices are USD per 1M tokens; `cachedInput` is the
 * price of a cache hit (0.1× input). Cache writes cost 1.25× input (5-minute TTL) or 2× (1-hour),
 * which ModelSpec cannot express: they are priced as ordinary input.
 *
 * Left out on purpose: Claude Opus 4.1 / Opus 4 and the Claude 3.x models are retired on the
 * Claude API (SDK changelog "remove retired Claude Opus 4.1 models", "remove retired models"),
 * and Sonnet 4 is deprecated; the newer 5.x family in the SDK's model list is not included
 * because its limits could not be confirmed from a stable source. Add any model in config
 * (`models:`), which also overrides any field of these defaults for the same id.
 *
 * Rate limits depend on the organisation's usage tier; the router reads the real ones from the
 * `anthropic-ratelimit-*` headers of every response.
 *
 * Capability names are canonical names from @modelmesh/capabilities.
 */

const CHAT = 'chat-completion';
const TOOLS = 'tool-calling';
const VISION = 'image-to-text';
const JSON_OUTPUT = 'json-generation';
const SCHEMA_OUTPUT = 'schema-constrained-output';
const CODE = 'code-generation';

/** Every current Claude model takes text and images, calls tools and (through a tool) answers in JSON. */
const claude = [CHAT, TOOLS, VISION, JSON_OUTPUT, SCHEMA_OUTPUT, CODE] as const;
// A final assistant message is a prefill in the Messages API itself, so a broken stream can be continued here.
const features = { tools: true, parallelToolCalls: true, vision: true, json: true, streaming: true, prefill: true } as const;

/** The Claude models `@modelmesh/providers-anthropic` enables by default, newest first. */
export const ANTHROPIC_MODELS: readonly ModelSpec[] = [
  {
    id: 'claude-opus-4-6',
    capabilities: claude,
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    features,
    pricing: { input: 5, cachedInput: 0.5, output: 25 },
  },
  {
    // Sources disagree on the output limit (64K or 128K); the lower one never makes a request fail.
    id: 'claude-sonnet-4-6',
    capabilities: claude,
    contextWindow: 1_000_000,
    maxOutputTokens: 64_000,
    features,
    pricing: { input: 3, cachedInput: 0.3, output: 15 },
  },
  {
    id: 'claude-opus-4-5',
    capabilities: claude,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    features,
    pricing: { input: 5, cachedInput: 0.5, output: 25 },
  },
  {
    // Deprecated by Anthropic; end of life November 30, 2026 (SDK 1.12.0). 1M context only with a beta header.
    id: 'claude-sonnet-4-5',
    capabilities: claude,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    features,
    pricing: { input: 3, cachedInput: 0.3, output: 15 },
  },
  {
    id: 'claude-haiku-4-5',
    capabilities: claude,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    features,
    pricing: { input: 1, cachedInput: 0.1, output: 5 },
  },
];
