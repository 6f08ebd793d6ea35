import type { ChatCompletionMessageParam } from './chat-messages.js';

/** A JSON Schema object, as tools and `response_format` carry it. */
export type JsonSchemaObject = { [key: string]: unknown };

/** A function tool the model may call. */
export interface ChatCompletionFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: JsonSchemaObject; strict?: boolean | null };
}

/** A custom tool with free-form or grammar-constrained input. */
export interface ChatCompletionCustomTool {
  type: 'custom';
  custom: { name: string; description?: string; format?: { type: 'text' } | { type: 'grammar'; grammar: { definition: string; syntax: 'lark' | 'regex' } } };
}

/** Any tool. */
export type ChatCompletionTool = ChatCompletionFunctionTool | ChatCompletionCustomTool;

/** How the model may use tools. */
export type ChatCompletionToolChoiceOption =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  | { type: 'custom'; custom: { name: string } }
  | { type: 'allowed_tools'; allowed_tools: { mode: 'auto' | 'required'; tools: Array<{ [key: string]: unknown }> } };

/** Plain text output. */
export interface ResponseFormatText {
  type: 'text';
}

/** Any JSON object output. */
export interface ResponseFormatJSONObject {
  type: 'json_object';
}

/** Output conforming to a JSON Schema. */
export interface ResponseFormatJSONSchema {
  type: 'json_schema';
  json_schema: { name: string; description?: string; schema?: JsonSchemaObject; strict?: boolean | null };
}

/** Streaming options. */
export interface ChatCompletionStreamOptions {
  include_usage?: boolean;
  include_obfuscation?: boolean;
}

/**
 * Parameters of `chat.completions.create`, as in the `openai` package. `model` is a
 * virtual model name (a pool or capability) when sent to the mesh. Parameters a
 * provider does not know are passed through to it untouched.
 */
export interface ChatCompletionCreateParamsBase {
  messages: Array<ChatCompletionMessageParam>;
  model: string;
  audio?: { format: string; voice: string | { id: string } } | null;
  frequency_penalty?: number | null;
  function_call?: 'none' | 'auto' | { name: string };
  functions?: Array<{ name: string; description?: string; parameters?: JsonSchemaObject }>;
  logit_bias?: { [key: string]: number } | null;
  logprobs?: boolean | null;
  max_completion_tokens?: number | null;
  max_tokens?: number | null;
  metadata?: { [key: string]: string } | null;
  modalities?: Array<'text' | 'audio'> | null;
  n?: number | null;
  parallel_tool_calls?: boolean;
  prediction?: { type: 'content'; content: string | Array<{ type: 'text'; text: string }> } | null;
  presence_penalty?: number | null;
  prompt_cache_key?: string;
  prompt_cache_retention?: 'in-memory' | '24h' | null;
  reasoning_effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | null;
  response_format?: ResponseFormatText | ResponseFormatJSONSchema | ResponseFormatJSONObject;
  safety_identifier?: string;
  seed?: number | null;
  service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
  stop?: string | null | Array<string>;
  store?: boolean | null;
  stream?: boolean | null;
  stream_options?: ChatCompletionStreamOptions | null;
  temperature?: number | null;
  tool_choice?: ChatCompletionToolChoiceOption;
  tools?: Array<ChatCompletionTool>;
  top_logprobs?: number | null;
  top_p?: number | null;
  user?: string;
  verbosity?: 'low' | 'medium' | 'high' | null;
  web_search_options?: { search_context_size?: 'low' | 'medium' | 'high'; user_location?: unknown };
}

/** Parameters of a non-streaming request. */
export interface ChatCompletionCreateParamsNonStreaming extends ChatCompletionCreateParamsBase {
  stream?: false | null;
}

/** Parameters of a streaming request. */
export interface ChatCompletionCreateParamsStreaming extends ChatCompletionCreateParamsBase {
  stream: true;
}

/** Parameters of `chat.completions.create`. */
export type ChatCompletionCreateParams = ChatCompletionCreateParamsNonStreaming | ChatCompletionCreateParamsStreaming;
