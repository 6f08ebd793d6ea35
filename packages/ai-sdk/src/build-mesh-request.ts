import type { LanguageModelV2CallOptions, LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionTool, ChatCompletionToolChoiceOption, RequestOptions } from '@modelmesh/core';
import { convertToMeshMessages } from './convert-to-mesh-messages.js';
import type { MeshWarning } from './mesh-warning.js';
import { parseMeshProviderOptions } from './mesh-provider-options.js';

/** Call options of either specification version (V2's are a subset in every field used here). */
export type MeshCallOptions = LanguageModelV3CallOptions | LanguageModelV2CallOptions;

/** What one AI SDK call becomes: the mesh's params and per-request options, and what was dropped. */
export interface MeshRequest {
  readonly params: ChatCompletionCreateParamsNonStreaming;
  readonly options: RequestOptions;
  readonly warnings: MeshWarning[];
}

function convertTools(options: MeshCallOptions, warnings: MeshWarning[]): ChatCompletionTool[] | undefined {
  if (!options.tools || options.tools.length === 0) return undefined;
  const tools: ChatCompletionTool[] = [];
  for (const tool of options.tools) {
    if (tool.type !== 'function') {
      warnings.push({ kind: 'tool', tool: tool.name, details: 'provider-defined tools are not routed through a mesh; only function tools are' });
      continue;
    }
    tools.push({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: tool.inputSchema as Record<string, unknown>,
        ...('strict' in tool && tool.strict !== undefined ? { strict: tool.strict } : {}),
      },
    });
  }
  return tools.length > 0 ? tools : undefined;
}

function convertToolChoice(choice: MeshCallOptions['toolChoice']): ChatCompletionToolChoiceOption | undefined {
  if (!choice) return undefined;
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.toolName } } : choice.type;
}

function convertResponseFormat(format: MeshCallOptions['responseFormat']): ChatCompletionCreateParamsNonStreaming['response_format'] {
  if (!format || format.type === 'text') return undefined;
  if (!format.schema) return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: {
      name: format.name ?? 'response',
      ...(format.description !== undefined ? { description: format.description } : {}),
      schema: format.schema as Record<string, unknown>,
      strict: true,
    },
  };
}

function definedHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const entries = Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Translates AI SDK call options into a mesh chat request for the pool `pool`. */
export function buildMeshRequest(pool: string, options: MeshCallOptions): MeshRequest {
  const warnings: MeshWarning[] = [];
  if (options.topK !== undefined) warnings.push({ kind: 'setting', setting: 'topK', details: 'the OpenAI wire the mesh speaks has no top_k' });
  const meshOptions = parseMeshProviderOptions(options.providerOptions);
  const tools = convertTools(options, warnings);
  const toolChoice = tools ? convertToolChoice(options.toolChoice) : undefined;
  const responseFormat = convertResponseFormat(options.responseFormat);
  const params: ChatCompletionCreateParamsNonStreaming = {
    model: pool,
    messages: convertToMeshMessages(options.prompt),
    ...(options.maxOutputTokens !== undefined ? { max_tokens: options.maxOutputTokens } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.topP !== undefined ? { top_p: options.topP } : {}),
    ...(options.presencePenalty !== undefined ? { presence_penalty: options.presencePenalty } : {}),
    ...(options.frequencyPenalty !== undefined ? { frequency_penalty: options.frequencyPenalty } : {}),
    ...(options.stopSequences !== undefined && options.stopSequences.length > 0 ? { stop: options.stopSequences } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(responseFormat ? { response_format: responseFormat } : {}),
    ...(tools ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(meshOptions.user !== undefined ? { user: meshOptions.user } : {}),
  };
  const headers = definedHeaders(options.headers);
  const requestOptions: RequestOptions = {
    ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    ...(headers ? { headers } : {}),
    ...(meshOptions.sessionId !== undefined ? { sessionId: meshOptions.sessionId } : {}),
    ...(meshOptions.timeout !== undefined ? { timeout: meshOptions.timeout } : {}),
  };
  return { params, options: requestOptions, warnings };
}
