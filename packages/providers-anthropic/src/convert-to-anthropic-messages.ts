import { InvalidRequestError, type ChatCompletionMessageParam, type ChatCompletionMessageToolCall } from '@modelmesh/provider';
import type { AnthropicContentBlock, AnthropicMessageParam, AnthropicTextBlock, AnthropicToolUseBlock } from './anthropic-wire.js';
import { textBlocks, userContentBlocks } from './convert-anthropic-content.js';

/** The text of the user turn inserted where the Messages API needs one and the conversation has none. */
export const PLACEHOLDER_USER_TEXT = '(continued)';

/** `messages` split the way the Messages API wants them. */
export interface AnthropicPrompt {
  /** System and developer instructions, hoisted: one string, or text blocks when there were several. */
  system: string | AnthropicTextBlock[] | undefined;
  /** Alternating user and assistant turns, starting with a user turn. */
  messages: AnthropicMessageParam[];
}

interface Turn {
  role: 'user' | 'assistant';
  blocks: AnthropicContentBlock[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A tool call's `arguments` (JSON text) → the `input` object a `tool_use` block needs. */
function toolInput(call: ChatCompletionMessageToolCall, param: string): Record<string, unknown> {
  if (call.type !== 'function') throw new InvalidRequestError({ param, message: 'Anthropic has no custom (free-form) tools; only function tool calls can be sent' });
  const text = call.function.arguments.trim();
  if (text === '') return {};
  let input: unknown;
  try {
    input = JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequestError({ param, message: `Tool call "${call.id}" has arguments that are not JSON; Anthropic needs them as an object` });
  }
  if (!isRecord(input)) throw new InvalidRequestError({ param, message: `Tool call "${call.id}" has arguments that are not a JSON object` });
  return input;
}

/** One OpenAI message → the blocks of one turn (system and developer messages go to `system`). */
function toTurn(message: ChatCompletionMessageParam, index: number, system: AnthropicTextBlock[]): Turn | undefined {
  const param = `messages[${index}]`;
  switch (message.role) {
    case 'system':
    case 'developer':
      system.push(...textBlocks(message.content));
      return undefined;
    case 'user':
      return { role: 'user', blocks: userContentBlocks(message.content, `${param}.content`) };
    case 'assistant': {
      const uses = (message.tool_calls ?? []).map(
        (call, n): AnthropicToolUseBlock => ({ type: 'tool_use', id: call.id, name: call.type === 'function' ? call.function.name : call.custom.name, input: toolInput(call, `${param}.tool_calls[${n}]`) }),
      );
      return { role: 'assistant', blocks: [...textBlocks(message.content), ...uses] };
    }
    case 'tool': {
      const content = typeof message.content === 'string' ? message.content : textBlocks(message.content);
      return { role: 'user', blocks: [{ type: 'tool_result', tool_use_id: message.tool_call_id, content }] };
    }
    case 'function':
      throw new InvalidRequestError({ param, message: 'Deprecated "function" messages cannot be sent to Anthropic; use tool calls and "tool" messages' });
  }
}

/** Tool results first: the API wants them before any other content of a user turn. */
function toolResultsFirst(blocks: AnthropicContentBlock[]): AnthropicContentBlock[] {
  return [...blocks.filter((b) => b.type === 'tool_result'), ...blocks.filter((b) => b.type !== 'tool_result')];
}

/** A final assistant turn is a prefill, which may not end with whitespace. */
function trimPrefill(turn: Turn): Turn | undefined {
  const last = turn.blocks.at(-1);
  if (last?.type !== 'text') return turn;
  const text = last.text.trimEnd();
  const blocks = text === '' ? turn.blocks.slice(0, -1) : [...turn.blocks.slice(0, -1), { type: 'text' as const, text }];
  return blocks.length === 0 ? undefined : { role: 'assistant', blocks };
}

/** A turn that is one text block is sent as a plain string, as one would write it by hand. */
function toMessageParam(turn: Turn): AnthropicMessageParam {
  const only = turn.blocks.length === 1 ? turn.blocks[0] : undefined;
  return { role: turn.role, content: only?.type === 'text' ? only.text : turn.blocks };
}

/**
 * Converts OpenAI-shaped messages to the Messages API's `system` and `messages`:
 *
 * - `system` and `developer` messages, wherever they are, are hoisted into `system` (in order);
 * - `tool` messages become user turns of `tool_result` blocks; assistant `tool_calls` become
 *   `tool_use` blocks (their JSON `arguments` parsed into `input`);
 * - turns left empty are dropped, consecutive turns of the same role are merged into one (a user
 *   turn's tool results first), and a user turn ({@link PLACEHOLDER_USER_TEXT}) is put before a
 *   leading assistant turn, or stands alone when there is no turn at all;
 * - a final assistant turn is kept as a prefill (Claude continues it), without trailing whitespace.
 *
 * Message `name`s have no equivalent and are dropped. Throws `InvalidRequestError` for what cannot
 * be expressed: audio, non-PDF files, custom tools, deprecated `function` messages.
 */
export function convertToAnthropicMessages(messages: readonly ChatCompletionMessageParam[]): AnthropicPrompt {
  const system: AnthropicTextBlock[] = [];
  const turns: Turn[] = [];
  messages.forEach((message, index) => {
    const turn = toTurn(message, index, system);
    if (turn === undefined || turn.blocks.length === 0) return;
    const previous = turns.at(-1);
    if (previous?.role === turn.role) previous.blocks.push(...turn.blocks);
    else turns.push(turn);
  });
  for (const turn of turns) if (turn.role === 'user') turn.blocks = toolResultsFirst(turn.blocks);
  const last = turns.at(-1);
  if (last?.role === 'assistant') {
    const trimmed = trimPrefill(last);
    if (trimmed === undefined) turns.pop();
    else turns[turns.length - 1] = trimmed;
  }
  if (turns[0]?.role !== 'user') turns.unshift({ role: 'user', blocks: [{ type: 'text', text: PLACEHOLDER_USER_TEXT }] });
  return {
    system: system.length === 0 ? undefined : system.length === 1 && system[0] !== undefined ? system[0].text : system,
    messages: turns.map(toMessageParam),
  };
}
