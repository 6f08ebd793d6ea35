import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionTool, ChatCompletionToolChoiceOption, ResponseFormatJSONSchema } from '@modelmesh/core';
import { inputToMessages, invalidParam, isRecord } from './responses-input.js';

/** Parameters that need OpenAI's stored state; the proxy is stateless. */
const STATEFUL_PARAMS: Readonly<Record<string, string>> = {
  previous_response_id: 'previous_response_id needs stored responses, and this proxy is stateless: send the whole conversation in input instead',
  conversation: 'conversation needs stored conversations, and this proxy is stateless: send the whole conversation in input instead',
  prompt: 'Stored prompt templates are not supported by this proxy: send instructions and input instead',
};

/** What the Response object echoes of its request. */
export interface ResponsesEcho {
  readonly instructions: string | null;
  readonly max_output_tokens: number | null;
  readonly temperature: number;
  readonly top_p: number;
  readonly parallel_tool_calls: boolean;
  readonly tool_choice: unknown;
  readonly tools: unknown[];
  readonly text: { format: unknown };
  readonly metadata: Record<string, unknown>;
}

/** A Responses request, translated. */
export interface ResponsesCall {
  readonly params: ChatCompletionCreateParamsNonStreaming;
  readonly echo: ResponsesEcho;
  readonly stream: boolean;
}

function tools(value: unknown): ChatCompletionTool[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidParam('tools', 'tools must be a list');
  return value.map((tool, index) => {
    const param = `tools[${index}]`;
    if (!isRecord(tool) || tool['type'] !== 'function') {
      const type = isRecord(tool) ? String(tool['type']) : typeof tool;
      throw invalidParam(param, `Built-in tools such as "${type}" are not supported by this proxy; only function tools are`, 'unsupported_tool');
    }
    if (typeof tool['name'] !== 'string' || tool['name'] === '') throw invalidParam(`${param}.name`, 'A function tool needs a name', 'missing_required_parameter');
    const parameters = isRecord(tool['parameters']) ? tool['parameters'] : undefined;
    const description = typeof tool['description'] === 'string' ? tool['description'] : undefined;
    return {
      type: 'function',
      function: { name: tool['name'], ...(description === undefined ? {} : { description }), ...(parameters === undefined ? {} : { parameters }), ...(typeof tool['strict'] === 'boolean' ? { strict: tool['strict'] } : {}) },
    };
  });
}

function toolChoice(value: unknown): ChatCompletionToolChoiceOption | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  if (isRecord(value) && value['type'] === 'function' && typeof value['name'] === 'string') return { type: 'function', function: { name: value['name'] } };
  if (isRecord(value) && value['type'] === 'allowed_tools' && (value['mode'] === 'auto' || value['mode'] === 'required') && Array.isArray(value['tools'])) {
    return { type: 'allowed_tools', allowed_tools: { mode: value['mode'], tools: value['tools'].filter(isRecord).map((t) => ({ type: 'function', function: { name: t['name'] } })) } };
  }
  throw invalidParam('tool_choice', 'tool_choice must be "auto", "none", "required", a function ({"type": "function", "name": ...}) or allowed_tools; built-in tools are not supported');
}

function responseFormat(text: unknown): ChatCompletionCreateParamsNonStreaming['response_format'] {
  const format = isRecord(text) ? text['format'] : undefined;
  if (!isRecord(format) || format['type'] === 'text') return undefined;
  if (format['type'] === 'json_object') return { type: 'json_object' };
  if (format['type'] === 'json_schema' && typeof format['name'] === 'string' && isRecord(format['schema'])) {
    const schema: ResponseFormatJSONSchema['json_schema'] = {
      name: format['name'],
      schema: format['schema'],
      ...(typeof format['description'] === 'string' ? { description: format['description'] } : {}),
      ...(typeof format['strict'] === 'boolean' ? { strict: format['strict'] } : {}),
    };
    return { type: 'json_schema', json_schema: schema };
  }
  throw invalidParam('text.format', 'text.format must be {"type": "text"}, {"type": "json_object"} or {"type": "json_schema", "name", "schema"}');
}

const optionalNumber = (body: Record<string, unknown>, param: string): number | undefined => {
  const value = body[param];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidParam(param, `${param} must be a number`);
  return value;
};

/**
 * A `POST /v1/responses` body → the mesh's chat params and what the Response echoes back.
 * `instructions` and `input` → messages (see `inputToMessages`), function `tools` and
 * `tool_choice` as they are, `text.format` → `response_format`, `max_output_tokens` →
 * `max_completion_tokens`, `reasoning.effort` → `reasoning_effort`. The proxy is stateless:
 * `previous_response_id`, `conversation`, stored prompts, `store: true` and `background: true` are
 * refused with a 400 saying so, as are built-in tools. `metadata` is echoed, never sent upstream.
 */
export function responsesCall(body: Record<string, unknown>, model: string): ResponsesCall {
  for (const [param, message] of Object.entries(STATEFUL_PARAMS)) if (body[param] !== undefined && body[param] !== null) throw invalidParam(param, message, 'unsupported_parameter');
  if (body['store'] === true) throw invalidParam('store', 'store: true is not supported: this proxy is stateless and keeps no responses; send store: false (or leave it out)', 'unsupported_parameter');
  if (body['background'] === true) throw invalidParam('background', 'Background responses need stored state; this proxy is stateless', 'unsupported_parameter');
  const functionTools = tools(body['tools']);
  const choice = toolChoice(body['tool_choice']);
  const format = responseFormat(body['text']);
  const maxOutput = optionalNumber(body, 'max_output_tokens');
  const temperature = optionalNumber(body, 'temperature');
  const topP = optionalNumber(body, 'top_p');
  const parallel = typeof body['parallel_tool_calls'] === 'boolean' ? body['parallel_tool_calls'] : undefined;
  const effort = isRecord(body['reasoning']) ? body['reasoning']['effort'] : undefined;
  const user = typeof body['safety_identifier'] === 'string' ? body['safety_identifier'] : typeof body['user'] === 'string' ? body['user'] : undefined;
  const params: ChatCompletionCreateParamsNonStreaming = {
    model,
    messages: inputToMessages(body['input'], body['instructions']),
    ...(maxOutput === undefined ? {} : { max_completion_tokens: maxOutput }),
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { top_p: topP }),
    ...(functionTools.length === 0 ? {} : { tools: functionTools }),
    ...(choice === undefined || functionTools.length === 0 ? {} : { tool_choice: choice }),
    ...(parallel === undefined || functionTools.length === 0 ? {} : { parallel_tool_calls: parallel }),
    ...(format === undefined ? {} : { response_format: format }),
    ...(typeof effort === 'string' ? { reasoning_effort: effort as ChatCompletionCreateParamsNonStreaming['reasoning_effort'] } : {}),
    ...(user === undefined ? {} : { user }),
  };
  const textParam = isRecord(body['text']) && isRecord(body['text']['format']) ? body['text']['format'] : { type: 'text' };
  const echo: ResponsesEcho = {
    instructions: typeof body['instructions'] === 'string' ? body['instructions'] : null,
    max_output_tokens: maxOutput ?? null,
    temperature: temperature ?? 1,
    top_p: topP ?? 1,
    parallel_tool_calls: parallel ?? true,
    tool_choice: body['tool_choice'] ?? 'auto',
    tools: Array.isArray(body['tools']) ? body['tools'] : [],
    text: { format: textParam },
    metadata: isRecord(body['metadata']) ? body['metadata'] : {},
  };
  return { params, echo, stream: body['stream'] === true };
}
