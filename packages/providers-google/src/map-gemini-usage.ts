import type { CompletionUsage } from '@modelmesh/provider';
import type { GeminiUsageMetadata } from './gemini-types.js';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Maps `usageMetadata` to OpenAI's usage:
 * - `prompt_tokens` = `promptTokenCount` + `toolUsePromptTokenCount`;
 * - `completion_tokens` = `candidatesTokenCount` + `thoughtsTokenCount` (thinking is billed as output,
 *   and OpenAI counts reasoning inside completion tokens too);
 * - `total_tokens` = `totalTokenCount` (else the sum);
 * - `prompt_tokens_details.cached_tokens` = `cachedContentTokenCount` (a part of the prompt);
 * - `completion_tokens_details.reasoning_tokens` = `thoughtsTokenCount`.
 */
export function mapGeminiUsage(usage: GeminiUsageMetadata): CompletionUsage {
  const prompt = count(usage.promptTokenCount) + count(usage.toolUsePromptTokenCount);
  const thoughts = count(usage.thoughtsTokenCount);
  const completion = count(usage.candidatesTokenCount) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: typeof usage.totalTokenCount === 'number' ? usage.totalTokenCount : prompt + completion,
    prompt_tokens_details: { cached_tokens: count(usage.cachedContentTokenCount) },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}
