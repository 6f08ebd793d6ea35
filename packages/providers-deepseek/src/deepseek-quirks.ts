import type { CompletionUsage } from '@modelmesh/provider';
import type { ParamDropRule, ParamRenames } from '@modelmesh/providers-openai-compatible/internal';

/*
 * Where DeepSeek's API differs from OpenAI's wire format (api-docs.deepseek.com).
 *
 * Reasoning: `deepseek-reasoner` returns its chain of thought in `message.reasoning_content`
 * (and, streaming, in `delta.reasoning_content`), beside `content`. This package passes both
 * through as DeepSeek sends them: the reasoning never ends up in `content`, so callers that
 * read `content` see only the answer, and callers that want the reasoning read
 * `reasoning_content`. Replayed assistant messages are sent as given: DeepSeek documents when
 * `reasoning_content` must be sent back (tool calls within a turn) and when not.
 */

/** Parameters the thinking model answers 400 to (temperature, top_p and the penalties are accepted and ignored). */
export const DEEPSEEK_REASONER_DROPPED_PARAMS: readonly string[] = ['logprobs', 'top_logprobs'];

/** The thinking model: `deepseek-reasoner` and dated or prefixed variants of it. */
export const isDeepSeekReasoner = (model: unknown): boolean => typeof model === 'string' && /reasoner/i.test(model);

/** For `deepseek-reasoner`, `logprobs` and `top_logprobs` are removed with one warning per parameter. */
export const DEEPSEEK_PARAM_DROP_RULES: readonly ParamDropRule[] = [{ params: DEEPSEEK_REASONER_DROPPED_PARAMS, models: isDeepSeekReasoner }];

/** `max_completion_tokens` becomes DeepSeek's `max_tokens` (an explicit `max_tokens` wins). */
export const DEEPSEEK_RENAMED_PARAMS: ParamRenames = { chat: { max_completion_tokens: 'max_tokens' } };

type DeepSeekUsage = CompletionUsage & { prompt_cache_hit_tokens?: number; prompt_cache_miss_tokens?: number };

/**
 * DeepSeek reports cache hits as `usage.prompt_cache_hit_tokens`; the router prices cached
 * prompt tokens from OpenAI's `usage.prompt_tokens_details.cached_tokens`. This copies the
 * former into the latter when DeepSeek did not fill it in (DeepSeek's own fields stay). It is
 * the package's `transformResponse` and `transformChunk` (the usage chunk is the one it changes).
 */
export function withCachedTokens<T extends { usage?: CompletionUsage | null | undefined }>(answer: T): T {
  const usage = answer.usage as DeepSeekUsage | null | undefined;
  const hits = usage?.prompt_cache_hit_tokens;
  if (!usage || typeof hits !== 'number' || usage.prompt_tokens_details?.cached_tokens !== undefined) return answer;
  return { ...answer, usage: { ...usage, prompt_tokens_details: { ...usage.prompt_tokens_details, cached_tokens: hits } } };
}
