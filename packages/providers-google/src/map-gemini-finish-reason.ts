import type { ChatCompletionFinishReason } from '@modelmesh/provider';

/** Gemini finish reasons that mean a safety or policy system stopped the answer. */
export const CONTENT_FILTER_FINISH_REASONS: ReadonlySet<string> = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * Maps a Gemini `finishReason` to OpenAI's: `STOP` → `stop` (`tool_calls` when the candidate
 * called functions, since Gemini says `STOP` then too), `MAX_TOKENS` → `length`, the safety and
 * policy reasons (`SAFETY`, `RECITATION`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`, `IMAGE_*`) →
 * `content_filter`, and anything else (`OTHER`, `LANGUAGE`, `MALFORMED_FUNCTION_CALL`,
 * `UNEXPECTED_TOOL_CALL`, `FINISH_REASON_UNSPECIFIED`, reasons newer than this package) → `stop`,
 * or `tool_calls` when there are function calls.
 */
export function mapGeminiFinishReason(reason: string | undefined, hasToolCalls: boolean): ChatCompletionFinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason !== undefined && CONTENT_FILTER_FINISH_REASONS.has(reason)) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}
