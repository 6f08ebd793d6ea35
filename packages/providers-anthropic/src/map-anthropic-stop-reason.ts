import type { ChatCompletionFinishReason } from '@modelmesh/provider';

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
