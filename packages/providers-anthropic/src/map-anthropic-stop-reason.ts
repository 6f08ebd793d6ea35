import type { ChatCompletionFinishReason } from '@modelmesh/provider';
import type { AnthropicStopReason } from './anthropic-wire.js';

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
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return answeredWithJsonTool ? 'stop' : 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/**
 * The other direction, for servers that answer in Anthropic's shape (the proxy's Messages API):
 * `stop` → `end_turn`, `length` → `max_tokens`, `tool_calls` (and the legacy `function_call`) →
 * `tool_use`, `content_filter` → `refusal`. Each maps back to itself through
 * {@link mapAnthropicStopReason}. OpenAI does not say which stop sequence ended the text, so
 * `stop_sequence` is never produced here.
 */
export function toAnthropicStopReason(finishReason: ChatCompletionFinishReason | null | undefined): AnthropicStopReason {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
