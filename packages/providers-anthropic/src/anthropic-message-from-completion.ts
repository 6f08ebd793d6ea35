import type { ChatCompletion } from '@modelmesh/provider';
import type { AnthropicResponseBlock, AnthropicStopReason, AnthropicToolUseBlock } from './anthropic-wire.js';
import { toAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { toAnthropicUsage } from './map-anthropic-usage.js';

/** A Message as a server answering in Anthropic's shape sends it (full usage, typed stop reason). */
export interface AnthropicMessageOut {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: null;
  usage: ReturnType<typeof toAnthropicUsage>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Tool-call `arguments` (JSON text) → a `tool_use` block's `input`. A model that wrote arguments
 * that are not a JSON object still gets its call through, with the text kept under `_raw`.
 */
export function toolUseInput(args: string): Record<string, unknown> {
  if (args.trim() === '') return {};
  try {
    const input: unknown = JSON.parse(args);
    return isRecord(input) ? input : { _raw: args };
  } catch {
    return { _raw: args };
  }
}

/**
 * The inverse of `messageToCompletion`: an OpenAI chat completion → an Anthropic Message. The
 * content (or refusal) becomes a text block, tool calls become `tool_use` blocks (`arguments`
 * parsed into `input`), `finish_reason` maps through `toAnthropicStopReason` and usage through
 * `toAnthropicUsage`. `model` names what the caller asked for (the route), as Anthropic echoes it.
 */
export function anthropicMessageFromCompletion(completion: ChatCompletion, model: string = completion.model): AnthropicMessageOut {
  const choice = completion.choices[0];
  const message = choice?.message;
  const content: AnthropicResponseBlock[] = [];
  const text = message?.content ?? message?.refusal ?? '';
  if (text !== '') content.push({ type: 'text', text });
  for (const call of message?.tool_calls ?? []) {
    if (call.type !== 'function') continue;
    const block: AnthropicToolUseBlock = { type: 'tool_use', id: call.id, name: call.function.name, input: toolUseInput(call.function.arguments) };
    content.push(block);
  }
  return {
    id: completion.id.startsWith('msg_') ? completion.id : `msg_${completion.id}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: toAnthropicStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(completion.usage),
  };
}
