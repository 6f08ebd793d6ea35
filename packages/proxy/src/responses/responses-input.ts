import type { ChatCompletionContentPart, ChatCompletionMessageFunctionToolCall, ChatCompletionMessageParam } from '@modelmesh/core';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';

/** A 400 naming the parameter at fault, as OpenAI answers. */
export const invalidParam = (param: string, message: string, code: string = 'invalid_value') =>
  new HttpFailureError(httpFailure(400, message, 'invalid_request_error', { param, code }));

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One input content part → a chat content part. */
function contentPart(part: unknown, param: string): ChatCompletionContentPart {
  if (!isRecord(part)) throw invalidParam(param, `${param} must be an object`);
  switch (part['type']) {
    case 'input_text':
    case 'output_text':
    case 'text':
      return { type: 'text', text: text(part['text']) };
    case 'refusal':
      return { type: 'text', text: text(part['refusal']) };
    case 'input_image': {
      const url = part['image_url'];
      if (typeof url !== 'string') throw invalidParam(param, 'Images must be sent as image_url (a URL or a data URL); file ids need OpenAI\'s file store, which this proxy does not have');
      const detail = part['detail'];
      return { type: 'image_url', image_url: { url, ...(detail === 'low' || detail === 'high' || detail === 'auto' ? { detail } : {}) } };
    }
    case 'input_file': {
      const data = part['file_data'];
      if (typeof data !== 'string') throw invalidParam(param, 'Files must be sent inline as file_data; file ids and file URLs are not supported by this proxy');
      return { type: 'file', file: { file_data: data, ...(typeof part['filename'] === 'string' ? { filename: part['filename'] } : {}) } };
    }
    default:
      throw invalidParam(param, `Content of type "${String(part['type'])}" is not supported by this proxy`);
  }
}

function messageContent(content: unknown, param: string): string | ChatCompletionContentPart[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalidParam(param, `${param} must be a string or a list of content parts`);
  return content.map((part, index) => contentPart(part, `${param}[${index}]`));
}

/** Text of content that may only hold text (system, assistant, tool output). */
function textOf(content: string | ChatCompletionContentPart[]): string {
  return typeof content === 'string' ? content : content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** Items that only OpenAI's own state or hosted tools can give meaning to. */
const STATEFUL_ITEMS = new Set(['item_reference']);
/** Items of the model's own reasoning: they only mean something to the model that wrote them. */
const DROPPED_ITEMS = new Set(['reasoning']);

/**
 * The Responses `input` (a string, or a list of items) and `instructions` → chat messages:
 * messages keep their role (system, developer, user, assistant; `input_text`/`output_text` →
 * text, `input_image` → image parts, inline `input_file` → file parts), consecutive
 * `function_call` items become one assistant turn's `tool_calls`, `function_call_output` a
 * `tool` message. Reasoning items are dropped; item references and hosted-tool items are a 400.
 */
export function inputToMessages(input: unknown, instructions: unknown): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  if (typeof instructions === 'string' && instructions !== '') out.push({ role: 'system', content: instructions });
  if (typeof input === 'string') {
    out.push({ role: 'user', content: input });
    return out;
  }
  if (input === undefined) throw invalidParam('input', 'Missing required parameter: input', 'missing_required_parameter');
  if (!Array.isArray(input)) throw invalidParam('input', 'input must be a string or a list of input items');
  let calls: ChatCompletionMessageFunctionToolCall[] | undefined;
  input.forEach((item, index) => {
    const param = `input[${index}]`;
    if (!isRecord(item)) throw invalidParam(param, `${param} must be an object`);
    const type = item['type'] ?? 'message';
    if (type !== 'function_call') calls = undefined;
    if (type === 'message') {
      const role = item['role'];
      const content = messageContent(item['content'], `${param}.content`);
      if (role === 'user') out.push({ role: 'user', content });
      else if (role === 'assistant') out.push({ role: 'assistant', content: textOf(content) });
      else if (role === 'system' || role === 'developer') out.push({ role, content: textOf(content) });
      else throw invalidParam(`${param}.role`, `Unknown role "${String(role)}"; expected user, assistant, system or developer`);
    } else if (type === 'function_call') {
      const call: ChatCompletionMessageFunctionToolCall = { id: text(item['call_id']), type: 'function', function: { name: text(item['name']), arguments: text(item['arguments']) } };
      if (calls) calls.push(call);
      else {
        calls = [call];
        out.push({ role: 'assistant', content: null, tool_calls: calls });
      }
    } else if (type === 'function_call_output') {
      const output = item['output'];
      out.push({ role: 'tool', tool_call_id: text(item['call_id']), content: typeof output === 'string' ? output : textOf(messageContent(output, `${param}.output`)) });
    } else if (DROPPED_ITEMS.has(String(type))) {
      return;
    } else if (STATEFUL_ITEMS.has(String(type))) {
      throw invalidParam(param, 'Item references need stored responses; this proxy is stateless, so send the items themselves');
    } else {
      throw invalidParam(param, `Input items of type "${String(type)}" belong to built-in tools, which this proxy does not support`);
    }
  });
  return out;
}
