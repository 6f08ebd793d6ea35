import type { JSONObject, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { CompletionUsage } from '@modelmesh/core';

/** OpenAI-shaped usage in the AI SDK's V3 form: cached input and reasoning output split out. */
export function mapMeshUsage(usage: CompletionUsage | null | undefined): LanguageModelV3Usage {
  if (!usage) {
    return {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    };
  }
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: {
      total: usage.prompt_tokens,
      noCache: cached === undefined ? usage.prompt_tokens : usage.prompt_tokens - cached,
      cacheRead: cached,
      cacheWrite: undefined,
    },
    outputTokens: {
      total: usage.completion_tokens,
      text: reasoning === undefined ? usage.completion_tokens : usage.completion_tokens - reasoning,
      reasoning,
    },
    raw: rawUsage(usage),
  };
}

/** The usage as a JSON object (the wire fields only, not the camelCase getters). */
function rawUsage(usage: CompletionUsage): JSONObject {
  const raw: JSONObject = { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, total_tokens: usage.total_tokens };
  if (usage.prompt_tokens_details) raw['prompt_tokens_details'] = { ...usage.prompt_tokens_details };
  if (usage.completion_tokens_details) raw['completion_tokens_details'] = { ...usage.completion_tokens_details };
  return raw;
}
