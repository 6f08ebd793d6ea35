import type { AnthropicAnswerPlan } from './fake-anthropic-answer.js';

/** One server-sent event of a Messages stream. */
export interface AnthropicStreamEvent {
  /** The `event:` name, e.g. `content_block_delta`. */
  readonly event: string;
  /** The `data:` payload (objects are sent as JSON, strings as they are). */
  readonly data: unknown;
  /** True for an answer piece: a text delta, a tool use's start or a piece of its input. */
  readonly piece: boolean;
}

/** Splits tool input JSON into three pieces (fewer for short text), so a reader must assemble them. */
function splitInput(text: string): string[] {
  if (text === '') return [];
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

/**
 * The events of a streamed answer in the order the API sends them: `message_start`, then per
 * content block `content_block_start`, its deltas and `content_block_stop` (a `ping` after the
 * first block starts), then `message_delta` with the stop reason and the cumulative output
 * tokens, then `message_stop`. A tool use's input starts with an empty `input_json_delta`, as
 * the API sends it.
 */
export function anthropicStreamEvents(plan: AnthropicAnswerPlan): AnthropicStreamEvent[] {
  const events: AnthropicStreamEvent[] = [];
  const push = (event: string, data: Record<string, unknown>, piece = false) => events.push({ event, data: { type: event, ...data }, piece });
  push('message_start', {
    message: {
      id: plan.id,
      type: 'message',
      role: 'assistant',
      model: plan.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: plan.usage.input_tokens,
        cache_creation_input_tokens: plan.usage.cache_creation_input_tokens,
        cache_read_input_tokens: plan.usage.cache_read_input_tokens,
        output_tokens: 1,
        service_tier: 'standard',
      },
    },
  });
  let index = 0;
  const ping = () => {
    if (plan.ping && index === 0) events.push({ event: 'ping', data: { type: 'ping' }, piece: false });
  };
  if (plan.text !== '') {
    push('content_block_start', { index, content_block: { type: 'text', text: '' } });
    ping();
    for (const text of plan.textPieces) push('content_block_delta', { index, delta: { type: 'text_delta', text } }, true);
    push('content_block_stop', { index });
    index += 1;
  }
  for (const use of plan.toolUses) {
    push('content_block_start', { index, content_block: { type: 'tool_use', id: use.id, name: use.name, input: {} } }, true);
    ping();
    push('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } });
    for (const partial of splitInput(use.inputJson)) push('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partial } }, true);
    push('content_block_stop', { index });
    index += 1;
  }
  ping();
  push('message_delta', { delta: { stop_reason: plan.stopReason, stop_sequence: plan.stopSequence }, usage: { output_tokens: plan.usage.output_tokens } });
  push('message_stop', {});
  return events;
}

/** One SSE event with its name: `event: <name>\ndata: <json>\n\n`. Strings are sent as they are. */
export function anthropicSseEncode(event: string, data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return `event: ${event}\n${text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;
}
