import { InvalidRequestError, type ChatCompletionTool, type ChatCompletionToolChoiceOption } from '@modelmesh/provider';
import { toGeminiSchema } from './convert-json-schema.js';
import type { GeminiFunctionCallingConfig, GeminiFunctionDeclaration, GeminiSchema, GeminiTool } from './gemini-types.js';

/** Tools and tool configuration in Gemini's terms. */
export interface GeminiToolSettings {
  tools?: GeminiTool[];
  toolConfig?: { functionCallingConfig: GeminiFunctionCallingConfig };
}

/** True for an object schema with no properties: such a function is declared without `parameters`. */
function isEmptyObject(schema: GeminiSchema): boolean {
  return (schema.type === 'OBJECT' || schema.type === undefined) && Object.keys(schema.properties ?? {}).length === 0 && schema.anyOf === undefined;
}

function declaration(tool: ChatCompletionTool, index: number): GeminiFunctionDeclaration {
  if (tool.type !== 'function') {
    throw new InvalidRequestError({ param: `tools[${index}]`, message: `Gemini has no custom tools; tools[${index}] (${tool.custom.name}) cannot be sent` });
  }
  const { name, description, parameters } = tool.function;
  const schema = parameters === undefined ? undefined : toGeminiSchema(parameters);
  return {
    name,
    ...(description === undefined ? {} : { description }),
    ...(schema === undefined || isEmptyObject(schema) ? {} : { parameters: schema }),
  };
}

function namesOf(tools: ReadonlyArray<{ [key: string]: unknown }>): string[] {
  return tools.flatMap((tool) => {
    const fn = tool['function'];
    const name = typeof fn === 'object' && fn !== null ? (fn as { name?: unknown }).name : tool['name'];
    return typeof name === 'string' ? [name] : [];
  });
}

/**
 * Converts OpenAI `tools` and `tool_choice`:
 * - function tools → one `tools: [{ functionDeclarations }]` entry, parameters converted by
 *   `toGeminiSchema` (a function without properties is declared without `parameters`);
 * - `tool_choice`: `auto` → `AUTO`, `none` → `NONE`, `required` → `ANY`, a named function →
 *   `ANY` with `allowedFunctionNames: [name]`; `allowed_tools` declares only the listed functions
 *   (`auto` → `AUTO`, `required` → `ANY` with their names); unset leaves Gemini's default (`AUTO`).
 * `parallel_tool_calls` has no Gemini counterpart (the model decides).
 */
export function toGeminiTools(tools: readonly ChatCompletionTool[] | undefined, choice: ChatCompletionToolChoiceOption | undefined): GeminiToolSettings {
  let declarations = (tools ?? []).map(declaration);
  let config: GeminiFunctionCallingConfig | undefined;
  if (choice === 'auto') config = { mode: 'AUTO' };
  else if (choice === 'none') config = { mode: 'NONE' };
  else if (choice === 'required') config = { mode: 'ANY' };
  else if (typeof choice === 'object') {
    if (choice.type === 'function') config = { mode: 'ANY', allowedFunctionNames: [choice.function.name] };
    else if (choice.type === 'allowed_tools') {
      const allowed = new Set(namesOf(choice.allowed_tools.tools));
      declarations = declarations.filter((d) => allowed.has(d.name));
      config = choice.allowed_tools.mode === 'required' ? { mode: 'ANY', allowedFunctionNames: [...allowed] } : { mode: 'AUTO' };
    } else {
      throw new InvalidRequestError({ param: 'tool_choice', message: 'Gemini has no custom tools; tool_choice cannot name one' });
    }
  }
  const out: GeminiToolSettings = {};
  if (declarations.length > 0) out.tools = [{ functionDeclarations: declarations }];
  if (config !== undefined && declarations.length > 0) out.toolConfig = { functionCallingConfig: config };
  return out;
}
