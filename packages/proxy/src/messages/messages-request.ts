import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam, ChatCompletionTool } from '@modelmesh/core';
import {
  convertFromAnthropicMessages,
  fromAnthropicTool,
  fromAnthropicToolChoice,
  type AnthropicMessageParam,
  type AnthropicTextBlock,
  type AnthropicTool,
  type AnthropicToolChoice,
} from '@modelmesh/providers-anthropic/internal';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';

const invalid = (param: string, message: string) => new HttpFailureError(httpFailure(400, `${param}: ${message}`, 'invalid_request_error', { param }));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Messages API parameters that need something the mesh does not route (Anthropic's servers, MCP, containers). */
const REFUSED_PARAMS = ['mcp_servers', 'container', 'context_management'] as const;

function system(value: unknown): string | AnthropicTextBlock[] | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((block) => isRecord(block) && block['type'] === 'text' && typeof block['text'] === 'string')) return value as AnthropicTextBlock[];
  throw invalid('system', 'must be a string or a list of text blocks');
}

function messages(value: unknown): AnthropicMessageParam[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('messages', 'must be a non-empty list of messages');
  value.forEach((message, index) => {
    const ok = isRecord(message) && (message['role'] === 'user' || message['role'] === 'assistant') && (typeof message['content'] === 'string' || (Array.isArray(message['content']) && message['content'].every(isRecord)));
    if (!ok) throw invalid(`messages.${index}`, 'each message needs a role (user or assistant) and content (a string or content blocks)');
  });
  return value as AnthropicMessageParam[];
}

/** Client tools become function tools; Anthropic's server tools (web search, code execution, ...) have a `type` and run on Anthropic's side. */
function tools(value: unknown): ChatCompletionTool[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid('tools', 'must be a list of tools');
  return value.map((tool, index) => {
    if (!isRecord(tool)) throw invalid(`tools.${index}`, 'must be an object');
    if (tool['type'] !== undefined && tool['type'] !== 'custom') {
      throw invalid(`tools.${index}`, `server tools such as "${String(tool['type'])}" run on Anthropic's servers and are not supported by this proxy; define client tools (name, description, input_schema)`);
    }
    if (typeof tool['name'] !== 'string' || !isRecord(tool['input_schema'])) throw invalid(`tools.${index}`, 'a tool needs a name and an input_schema object');
    return fromAnthropicTool(tool as unknown as AnthropicTool);
  });
}

function toolChoice(value: unknown): AnthropicToolChoice | undefined {
  if (value === undefined) return undefined;
  const type = isRecord(value) ? value['type'] : undefined;
  if (type === 'auto' || type === 'any' || type === 'none' || (type === 'tool' && typeof (value as { name?: unknown }).name === 'string')) return value as AnthropicToolChoice;
  throw invalid('tool_choice', 'must be {"type": "auto" | "any" | "none"} or {"type": "tool", "name": ...}');
}

function stopSequences(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return value.length === 0 ? undefined : value;
  throw invalid('stop_sequences', 'must be a list of strings');
}

function maxTokens(value: unknown): number {
  if (value === undefined) throw invalid('max_tokens', 'Field required');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw invalid('max_tokens', 'must be a positive integer');
  return value;
}

const number = (body: Record<string, unknown>, param: string): number | undefined => {
  const value = body[param];
  if (value === undefined || typeof value === 'number') return value;
  throw invalid(param, 'must be a number');
};

/** The prompt of a Messages request (or a count_tokens request) as OpenAI messages, with its tools. */
export function messagesPrompt(body: Record<string, unknown>): { messages: ChatCompletionMessageParam[]; tools: ChatCompletionTool[] | undefined } {
  return { messages: convertFromAnthropicMessages({ system: system(body['system']), messages: messages(body['messages']) }), tools: tools(body['tools']) };
}

/**
 * A `POST /v1/messages` body → the mesh's chat params, with Anthropic's own converters run
 * backwards (`@modelmesh/providers-anthropic/internal`): `system` and content blocks → messages,
 * client tools → function tools, `tool_choice` (and `disable_parallel_tool_use`), `max_tokens` →
 * `max_completion_tokens`, `stop_sequences` → `stop`, `metadata.user_id` → `user`. `top_k` and
 * `thinking` are Anthropic-only and are left out; server tools, MCP servers and containers are
 * refused with a 400 naming the parameter.
 */
export function chatParamsOfMessages(body: Record<string, unknown>, model: string): ChatCompletionCreateParamsNonStreaming {
  for (const param of REFUSED_PARAMS) if (body[param] !== undefined) throw invalid(param, 'is not supported by this proxy (it needs Anthropic\'s servers)');
  const prompt = messagesPrompt(body);
  const choice = fromAnthropicToolChoice(toolChoice(body['tool_choice']));
  const stop = stopSequences(body['stop_sequences']);
  const metadata = body['metadata'];
  const user = isRecord(metadata) && typeof metadata['user_id'] === 'string' ? metadata['user_id'] : undefined;
  const temperature = number(body, 'temperature');
  const topP = number(body, 'top_p');
  return {
    model,
    messages: prompt.messages,
    max_completion_tokens: maxTokens(body['max_tokens']),
    ...(stop === undefined ? {} : { stop }),
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { top_p: topP }),
    ...(prompt.tools === undefined || prompt.tools.length === 0 ? {} : { tools: prompt.tools, ...choice }),
    ...(user === undefined ? {} : { user }),
  };
}
