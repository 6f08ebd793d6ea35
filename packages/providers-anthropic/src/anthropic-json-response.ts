import type { ChatCompletionCreateParamsBase } from '@modelmesh/provider';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-wire.js';
import type { ConvertedTools } from './convert-anthropic-tools.js';

/** Name of the response tool for `response_format: { type: 'json_object' }`. */
export const JSON_OBJECT_TOOL_NAME = 'json_response';

/** What the JSON technique adds to a request, and the tool whose input is the answer. */
export interface JsonResponsePlan {
  /** Tools and choice to send. */
  tools: AnthropicTool[];
  choice: AnthropicToolChoice | undefined;
  /** The response tool's name: its `tool_use` input is returned as the message content. Undefined when no JSON was asked for. */
  responseTool: string | undefined;
}

/** A tool name the API accepts (`^[a-zA-Z0-9_-]{1,128}$`) that no user tool has. */
function freeName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 120) || JSON_OBJECT_TOOL_NAME;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}

/**
 * JSON output by the technique Anthropic documents for it ("JSON mode" with tool use): a tool
 * whose `input_schema` is the wanted schema, which the model is made to call; the tool's input
 * is the JSON answer.
 *
 * - `json_schema` → a tool named after the schema (`description` kept, `strict: true` kept), its
 *   schema as `input_schema`; `json_object` → a tool `json_response` taking any object.
 * - Without tools of the caller's (or with `tool_choice: 'none'`), the model is forced to call it
 *   (`tool_choice: { type: 'tool', name }`) and only it is sent.
 * - With the caller's tools and `tool_choice` `auto` (or unset), it is added beside them and the
 *   choice becomes `any`: the model either calls a real tool or answers through the JSON tool.
 *   With `required` or a named function, the caller asked for a tool call, so no JSON tool is added.
 *
 * The answer's `tool_use` of that tool becomes the content (`JSON.stringify(input)`, or the
 * streamed input pieces as content deltas) and its stop reason `tool_use` becomes `stop`.
 */
export function planJsonResponse(format: ChatCompletionCreateParamsBase['response_format'], tools: ConvertedTools, userChoice: ChatCompletionCreateParamsBase['tool_choice']): JsonResponsePlan {
  if (format === undefined || format.type === 'text') return { ...tools, responseTool: undefined };
  const hasTools = tools.tools.length > 0 && tools.choice?.type !== 'none';
  if (hasTools && userChoice !== undefined && userChoice !== 'auto') return { ...tools, responseTool: undefined };
  const taken = new Set(hasTools ? tools.tools.map((t) => t.name) : []);
  const name = freeName(format.type === 'json_schema' ? format.json_schema.name : JSON_OBJECT_TOOL_NAME, taken);
  const tool: AnthropicTool =
    format.type === 'json_schema'
      ? {
          name,
          description: format.json_schema.description ?? 'Respond with a JSON object that matches this schema.',
          input_schema: format.json_schema.schema ?? { type: 'object' },
          ...(format.json_schema.strict === true ? { strict: true } : {}),
        }
      : { name, description: 'Respond with a JSON object.', input_schema: { type: 'object', additionalProperties: true } };
  const noParallel = tools.choice !== undefined && 'disable_parallel_tool_use' in tools.choice ? { disable_parallel_tool_use: tools.choice.disable_parallel_tool_use } : {};
  if (!hasTools) return { tools: [tool], choice: { type: 'tool', name }, responseTool: name };
  return { tools: [...tools.tools, tool], choice: { type: 'any', ...noParallel }, responseTool: name };
}
