import { InvalidRequestError, type ChatCompletionTool, type ChatCompletionToolChoiceOption } from '@modelmesh/provider';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-wire.js';

/** The tool choices that are plain words on OpenAI's side, paired once for both directions. */
const CHOICE_PAIRS = [
  ['auto', 'auto'],
  ['required', 'any'],
  ['none', 'none'],
] as const;
type WordChoice = (typeof CHOICE_PAIRS)[number];
const TO_ANTHROPIC_CHOICE = Object.fromEntries(CHOICE_PAIRS) as Record<WordChoice[0], WordChoice[1]>;
const TO_OPENAI_CHOICE = Object.fromEntries(CHOICE_PAIRS.map(([openai, anthropic]) => [anthropic, openai])) as Record<WordChoice[1], WordChoice[0]>;

/** A schema that accepts any object: what a tool without `parameters` takes. */
export const EMPTY_OBJECT_SCHEMA: Readonly<Record<string, unknown>> = { type: 'object', properties: {} };

/** An OpenAI function tool → an Anthropic client tool (`parameters` → `input_schema`, `strict: true` kept). */
export function toAnthropicTool(tool: ChatCompletionTool, index: number): AnthropicTool {
  if (tool.type !== 'function') throw new InvalidRequestError({ param: `tools[${index}]`, message: 'Anthropic has no custom (free-form) tools; only function tools can be sent' });
  const { name, description, parameters, strict } = tool.function;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    input_schema: parameters ?? { ...EMPTY_OBJECT_SCHEMA },
    ...(strict === true ? { strict: true } : {}),
  };
}

/** The inverse of {@link toAnthropicTool}: an Anthropic client tool → an OpenAI function tool. */
export function fromAnthropicTool(tool: AnthropicTool): ChatCompletionTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.input_schema,
      ...(tool.strict === true ? { strict: true } : {}),
    },
  };
}

/**
 * The inverse of {@link convertTools}' choice mapping: `auto` → `auto`, `any` → `required`, a named
 * tool → that function, `none` → `none`; `disable_parallel_tool_use: true` →
 * `parallel_tool_calls: false`.
 */
export function fromAnthropicToolChoice(choice: AnthropicToolChoice | undefined): { tool_choice?: ChatCompletionToolChoiceOption; parallel_tool_calls?: boolean } {
  if (choice === undefined) return {};
  const toolChoice: ChatCompletionToolChoiceOption = choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : TO_OPENAI_CHOICE[choice.type];
  const noParallel = choice.type !== 'none' && choice.disable_parallel_tool_use === true;
  return { tool_choice: toolChoice, ...(noParallel ? { parallel_tool_calls: false } : {}) };
}

/** The tools and choice the request ends up with. */
export interface ConvertedTools {
  tools: AnthropicTool[];
  choice: AnthropicToolChoice | undefined;
}

/**
 * OpenAI `tools`, `tool_choice` and `parallel_tool_calls` → Anthropic `tools` and `tool_choice`:
 * `auto` → `{ type: 'auto' }`, `required` → `{ type: 'any' }`, a named function →
 * `{ type: 'tool', name }`, `none` → `{ type: 'none' }`; `allowed_tools` keeps only the listed tools
 * (mode `auto` or `required`). `parallel_tool_calls: false` → `disable_parallel_tool_use: true`
 * (on `auto` when no choice was given). No tools, no choice.
 */
export function convertTools(tools: readonly ChatCompletionTool[] | undefined, choice: ChatCompletionToolChoiceOption | undefined, parallel: boolean | undefined): ConvertedTools {
  let converted = (tools ?? []).map(toAnthropicTool);
  if (converted.length === 0) return { tools: [], choice: undefined };
  let result: AnthropicToolChoice | undefined;
  if (choice === undefined) result = undefined;
  else if (typeof choice === 'string') result = { type: TO_ANTHROPIC_CHOICE[choice] };
  else if (choice.type === 'function') result = { type: 'tool', name: choice.function.name };
  else if (choice.type === 'allowed_tools') {
    const allowed = new Set(choice.allowed_tools.tools.map((t) => (typeof t['function'] === 'object' && t['function'] !== null ? (t['function'] as { name?: unknown }).name : t['name'])));
    converted = converted.filter((tool) => allowed.has(tool.name));
    result = choice.allowed_tools.mode === 'required' ? { type: 'any' } : { type: 'auto' };
  } else {
    throw new InvalidRequestError({ param: 'tool_choice', message: 'Anthropic has no custom (free-form) tools to choose' });
  }
  if (parallel === false && result?.type !== 'none') result = { ...(result ?? { type: 'auto' }), disable_parallel_tool_use: true };
  return { tools: converted, choice: result };
}
