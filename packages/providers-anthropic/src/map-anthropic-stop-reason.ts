import type { ChatCompletionFinishReason } from '@modelmesh/provider';
import type { AnthropicStopReason } from './anthropic-wire.js';

/**
 * The stop reasons that mean the same on both sides, one pair each: both directions read this
 * table, so they cannot drift apart.
 */
const STOP_REASON_PAIRS: ReadonlyArray<readonly [AnthropicStopReason, ChatCompletionFinishReason]> = [
  ['end_turn', 'stop'],
  ['max_tokens', 'length'],
  ['tool_use', 'tool_calls'],
  ['refusal', 'content_filter'],
];
const TO_OPENAI: ReadonlyMap<string, ChatCompletionFinishReason> = new Map(STOP_REASON_PAIRS);
const TO_ANTHROPIC: ReadonlyMap<string, AnthropicStopReason> = new Map(STOP_REASON_PAIRS.map(([anthropic, openai]) => [openai, anthropic]));

/**
 * Anthropic's `stop_reason` → OpenAI's `finish_reason`:
 *
 * | `stop_reason` | `finish_reason` |
 * |---|---|
 * | `end_turn`, `stop_sequence` | `stop` |
 * | `max_tokens`, `model_context_window_exceeded` | `length` |
 * | `tool_use` | `tool_calls` (`stop` when the tool was the JSON response tool) |
 * | `refusal` | `content_filter` |
 * | `pause_turn` (a server tool paused a long turn) | `stop` |
 * | anything newer | `stop` |
 */
export function mapAnthropicStopReason(stopReason: string | null | undefined, answeredWithJsonTool = false): ChatCompletionFinishReason {
  if (stopReason === 'model_context_window_exceeded') return 'length';
  if (stopReason === 'tool_use' && answeredWithJsonTool) return 'stop';
  return (stopReason == null ? undefined : TO_OPENAI.get(stopReason)) ?? 'stop';
}

/**
 * The other direction, for servers that answer in Anthropic's shape (the proxy's Messages API):
 * `stop` → `end_turn`, `length` → `max_tokens`, `tool_calls` (and the legacy `function_call`) →
 * `tool_use`, `content_filter` → `refusal`. Each maps back to itself through
 * {@link mapAnthropicStopReason}. OpenAI does not say which stop sequence ended the text, so
 * `stop_sequence` is never produced here.
 */
export function toAnthropicStopReason(finishReason: ChatCompletionFinishReason | null | undefined): AnthropicStopReason {
  if (finishReason === 'function_call') return 'tool_use';
  return (finishReason == null ? undefined : TO_ANTHROPIC.get(finishReason)) ?? 'end_turn';
}
