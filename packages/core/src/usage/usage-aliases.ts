import type { CompletionUsage } from '../types/chat-completion.js';

const ALIASES = { promptTokens: 'prompt_tokens', completionTokens: 'completion_tokens', totalTokens: 'total_tokens' } as const;

/**
 * Adds the camelCase names the quick start reads (`usage.totalTokens`) as non-enumerable
 * getters, so the wire format (and JSON) stays exactly OpenAI's.
 */
export function withUsageAliases<T extends CompletionUsage | null | undefined>(usage: T): T {
  if (!usage || Object.prototype.hasOwnProperty.call(usage, 'totalTokens')) return usage;
  for (const [alias, field] of Object.entries(ALIASES)) {
    Object.defineProperty(usage, alias, { get: () => usage[field], enumerable: false, configurable: true });
  }
  return usage;
}
