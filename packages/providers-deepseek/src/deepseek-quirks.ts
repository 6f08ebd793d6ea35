import type { ChatCompletion, ChatCompletionChunk, CompletionUsage } from '@modelmesh/core';
import type { ProviderWarning, RequestKind } from '@modelmesh/providers-openai-compatible';

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

/** Reports a removed parameter once per key and provider instance. */
export type WarnOnce = (key: string, param: string, message: string) => void;

/** A {@link WarnOnce} that reports to `onWarning` (default `console.warn`). */
export function warnOnce(providerId: string, onWarning?: (warning: ProviderWarning) => void): WarnOnce {
  const seen = new Set<string>();
  const report = onWarning ?? ((warning: ProviderWarning) => console.warn(`[modelmesh] ${warning.message}`));
  return (key, param, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    report({ type: 'unsupported-param', providerId, param, message });
  };
}

/** Parameters the thinking model answers 400 to (temperature, top_p and the penalties are accepted and ignored). */
export const DEEPSEEK_REASONER_DROPPED_PARAMS: readonly string[] = ['logprobs', 'top_logprobs'];

/** The thinking model: `deepseek-reasoner` and dated or prefixed variants of it. */
export const isDeepSeekReasoner = (model: unknown): boolean => typeof model === 'string' && /reasoner/i.test(model);

/**
 * `max_completion_tokens` becomes DeepSeek's `max_tokens` (an explicit `max_tokens` wins);
 * for `deepseek-reasoner`, `logprobs` and `top_logprobs` are removed with one warning per
 * parameter. Everything else goes through untouched.
 */
export function deepSeekRequestBody(body: Record<string, unknown>, kind: RequestKind, warn: WarnOnce): Record<string, unknown> {
  if (kind === 'embeddings') return body;
  const out = { ...body };
  if (out['max_completion_tokens'] !== undefined) {
    if (out['max_tokens'] === undefined) out['max_tokens'] = out['max_completion_tokens'];
    delete out['max_completion_tokens'];
  }
  if (isDeepSeekReasoner(out['model'])) {
    for (const param of DEEPSEEK_REASONER_DROPPED_PARAMS) {
      if (out[param] === undefined) continue;
      delete out[param];
      warn(`reasoner:${param}`, param, `Provider "DeepSeek" does not support "${param}" with ${String(out['model'])}; it was removed from the request`);
    }
  }
  return out;
}

type DeepSeekUsage = CompletionUsage & { prompt_cache_hit_tokens?: number; prompt_cache_miss_tokens?: number };

/**
 * DeepSeek reports cache hits as `usage.prompt_cache_hit_tokens`; the router prices cached
 * prompt tokens from OpenAI's `usage.prompt_tokens_details.cached_tokens`. This copies the
 * former into the latter when DeepSeek did not fill it in (DeepSeek's own fields stay).
 */
export function withCachedTokens<T extends { usage?: CompletionUsage | null | undefined }>(answer: T): T {
  const usage = answer.usage as DeepSeekUsage | null | undefined;
  const hits = usage?.prompt_cache_hit_tokens;
  if (!usage || typeof hits !== 'number' || usage.prompt_tokens_details?.cached_tokens !== undefined) return answer;
  return { ...answer, usage: { ...usage, prompt_tokens_details: { ...usage.prompt_tokens_details, cached_tokens: hits } } };
}

/** {@link withCachedTokens} for a whole completion. */
export const deepSeekCompletion = (completion: ChatCompletion): ChatCompletion => withCachedTokens(completion);

/** {@link withCachedTokens} for each chunk of a stream (the usage chunk is the one that changes). */
export function deepSeekChunks(chunks: AsyncIterable<ChatCompletionChunk>): AsyncIterable<ChatCompletionChunk> {
  return {
    [Symbol.asyncIterator]() {
      const source = chunks[Symbol.asyncIterator]();
      return {
        async next(): Promise<IteratorResult<ChatCompletionChunk>> {
          const next = await source.next();
          return next.done ? next : { done: false, value: withCachedTokens(next.value) };
        },
        // Ending early must release the connection: pass the return on.
        async return(): Promise<IteratorResult<ChatCompletionChunk>> {
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
