import {
  InvalidRequestError,
  type ChatCompletionContentPart,
  type ChatCompletionContentPartText,
  type ChatCompletionMessageFunctionToolCall,
  type ChatCompletionMessageParam,
} from '@modelmesh/provider';
import type { AnthropicDocumentBlock, AnthropicImageBlock, AnthropicMessageParam, AnthropicTextBlock, AnthropicToolResultBlock, AnthropicToolUseBlock } from './anthropic-wire.js';
import { fromDocumentBlock, fromImageBlock } from './convert-anthropic-content.js';

/** What {@link convertFromAnthropicMessages} reads: the `system` and `messages` of a Messages API request. */
export interface AnthropicPromptInput {
  readonly system?: string | readonly AnthropicTextBlock[] | undefined;
  readonly messages: readonly AnthropicMessageParam[];
}

/** A block as a caller may send it: one this package knows, or another type (thinking, server tools). */
type InputBlock = { type: string };

const isType = <T extends InputBlock>(type: string) => (block: InputBlock): block is T => block.type === type;
const isText = isType<AnthropicTextBlock>('text');
const isImage = isType<AnthropicImageBlock>('image');
const isDocument = isType<AnthropicDocumentBlock>('document');
const isToolUse = isType<AnthropicToolUseBlock>('tool_use');
const isToolResult = isType<AnthropicToolResultBlock>('tool_result');

/** Blocks of an assistant turn that carry reasoning of the model that wrote them; no other vendor can use them. */
const MODEL_PRIVATE_BLOCKS = new Set(['thinking', 'redacted_thinking']);

/** Text blocks → content: a plain string for one block, else text parts. */
function textContent(blocks: readonly AnthropicTextBlock[]): string | ChatCompletionContentPartText[] {
  const only = blocks.length === 1 ? blocks[0] : undefined;
  return only !== undefined ? only.text : blocks.map((block) => ({ type: 'text', text: block.text }));
}

/** A user block other than a tool result → an OpenAI content part. */
function userPart(block: InputBlock, param: string): ChatCompletionContentPart {
  if (isText(block)) return { type: 'text', text: block.text };
  if (isImage(block)) return fromImageBlock(block);
  if (isDocument(block) && block.source.type === 'base64') return fromDocumentBlock(block);
  throw new InvalidRequestError({ param, message: `Content blocks of type "${block.type}" cannot be routed to other models; send text, image, PDF document, tool_use and tool_result blocks` });
}

/** A `tool_result` → a `tool` message (its text), plus the images it held, which only a user turn can carry. */
function toolResult(block: AnthropicToolResultBlock, param: string): { message: ChatCompletionMessageParam; images: ChatCompletionContentPart[] } {
  const content = block.content ?? '';
  if (typeof content === 'string') return { message: { role: 'tool', tool_call_id: block.tool_use_id, content }, images: [] };
  const texts = content.filter(isText);
  const images = content.filter((part) => !isText(part)).map((part, index) => userPart(part, `${param}.content[${index}]`));
  return { message: { role: 'tool', tool_call_id: block.tool_use_id, content: texts.length === 0 ? '' : textContent(texts) }, images };
}

function userTurn(content: readonly InputBlock[], param: string): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  const parts: ChatCompletionContentPart[] = [];
  content.forEach((block, index) => {
    const at = `${param}[${index}]`;
    if (!isToolResult(block)) {
      parts.push(userPart(block, at));
      return;
    }
    const { message, images } = toolResult(block, at);
    out.push(message);
    parts.push(...images);
  });
  if (parts.length === 0) return out;
  const only = parts.length === 1 ? parts[0] : undefined;
  out.push({ role: 'user', content: only?.type === 'text' ? only.text : parts });
  return out;
}

function assistantTurn(content: readonly InputBlock[], param: string): ChatCompletionMessageParam {
  const texts: AnthropicTextBlock[] = [];
  const calls: ChatCompletionMessageFunctionToolCall[] = [];
  content.forEach((block, index) => {
    if (isText(block)) texts.push(block);
    else if (isToolUse(block)) calls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    else if (!MODEL_PRIVATE_BLOCKS.has(block.type)) {
      throw new InvalidRequestError({ param: `${param}[${index}]`, message: `Assistant content blocks of type "${block.type}" cannot be routed to other models` });
    }
  });
  return { role: 'assistant', content: texts.length === 0 ? null : textContent(texts), ...(calls.length === 0 ? {} : { tool_calls: calls }) };
}

/**
 * The inverse of `convertToAnthropicMessages`: a Messages API `system` and `messages` → OpenAI
 * messages, for servers that take Anthropic requests and route them to any model (the proxy's
 * `/v1/messages`):
 *
 * - `system` → one `system` message (text blocks as text parts);
 * - a user turn's `tool_result` blocks → `tool` messages (first, as OpenAI wants them right after
 *   the assistant's calls), its other blocks → one `user` message: text, images (base64 as data
 *   URLs) and PDF documents (as `file` parts); images inside a tool result move to that user message;
 * - an assistant turn's text → `content`, its `tool_use` blocks → `tool_calls` (`input` as JSON
 *   `arguments`); thinking blocks, which only the model that wrote them can read, are dropped.
 *
 * `convertToAnthropicMessages` of the result gives back the same turns. Throws
 * `InvalidRequestError` (with the block's `param`) for blocks no other vendor understands, such as
 * server tool results.
 */
export function convertFromAnthropicMessages(prompt: AnthropicPromptInput): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  const { system } = prompt;
  if (typeof system === 'string' && system !== '') out.push({ role: 'system', content: system });
  else if (typeof system === 'object' && system.length > 0) out.push({ role: 'system', content: system.map((block) => ({ type: 'text', text: block.text })) });
  prompt.messages.forEach((message, index) => {
    const param = `messages[${index}].content`;
    if (typeof message.content === 'string') {
      out.push({ role: message.role, content: message.content });
      return;
    }
    const blocks: readonly InputBlock[] = message.content;
    if (message.role === 'user') out.push(...userTurn(blocks, param));
    else out.push(assistantTurn(blocks, param));
  });
  return out;
}
