import type { CompletionUsage } from '@modelmesh/provider';
import type { AnthropicUsage } from './anthropic-wire.js';

const count = (value: number | null | undefined): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Anthropic's usage → OpenAI's. Anthropic counts cached prompt tokens apart from `input_tokens`;
 * OpenAI counts them inside `prompt_tokens`. So `prompt_tokens` = `input_tokens` +
 * `cache_read_input_tokens` + `cache_creation_input_tokens`, `prompt_tokens_details.cached_tokens`
 * = `cache_read_input_tokens`, `completion_tokens` = `output_tokens`. Cache writes have no OpenAI
 * field: they count as ordinary prompt tokens (Anthropic bills them at 1.25× the input price).
 */
export function mapAnthropicUsage(usage: AnthropicUsage): CompletionUsage {
  const cacheRead = count(usage.cache_read_input_tokens);
  const prompt = count(usage.input_tokens) + cacheRead + count(usage.cache_creation_input_tokens);
  const completion = count(usage.output_tokens);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: cacheRead } };
}

/**
 * OpenAI's usage → Anthropic's, the inverse of {@link mapAnthropicUsage} for usage without cache
 * writes: cached prompt tokens leave `input_tokens` for `cache_read_input_tokens`.
 */
export function toAnthropicUsage(usage: CompletionUsage | undefined): { input_tokens: number; output_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number } {
  const cacheRead = count(usage?.prompt_tokens_details?.cached_tokens);
  return {
    input_tokens: Math.max(0, count(usage?.prompt_tokens) - cacheRead),
    output_tokens: count(usage?.completion_tokens),
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: 0,
  };
}
