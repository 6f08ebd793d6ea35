import type { CompletionUsage } from '@modelmesh/provider';

/**
 * The prototype that gives a wire `usage` object the camelCase names the quick start reads
 * (`usage.totalTokens`). Getters on a shared prototype rather than per-object properties:
 * the object keeps its fast shape and JSON stays exactly OpenAI's (prototype getters are
 * not serialised), at no cost per request.
 */
const USAGE_ALIASES: object = Object.create(Object.prototype, {
  promptTokens: { get(this: CompletionUsage) { return this.prompt_tokens; }, enumerable: false },
  completionTokens: { get(this: CompletionUsage) { return this.completion_tokens; }, enumerable: false },
  totalTokens: { get(this: CompletionUsage) { return this.total_tokens; }, enumerable: false },
});

/** Adds the camelCase aliases (`promptTokens`, `completionTokens`, `totalTokens`) to a usage object, unless it has them. */
export function withUsageAliases<T extends CompletionUsage | null | undefined>(usage: T): T {
  if (!usage || 'totalTokens' in usage || Object.getPrototypeOf(usage) !== Object.prototype) return usage;
  Object.setPrototypeOf(usage, USAGE_ALIASES);
  return usage;
}
