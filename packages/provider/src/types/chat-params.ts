import type { ChatCompletionContentPartText, ChatCompletionMessageParam } from './chat-messages.js';

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

/** Audio output settings (with `modalities: ['text', 'audio']`). */
export interface ChatCompletionAudioParam {
  format: 'wav' | 'aac' | 'mp3' | 'flac' | 'opus' | 'pcm16';
  /** A built-in voice name (`alloy`, `coral`, ...) or a custom voice's id. */
  voice: string | { id: string };
}

/** Service tier. `fast` exists from `openai` 7.x on. */
export type ChatCompletionServiceTier = 'auto' | 'default' | 'flex' | 'scale' | 'priority' | 'fast';

/** Reasoning effort. `max` exists from `openai` 7.x on. */
export type ChatCompletionReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** Moderation of a request's input and output (`openai` 7.x). */
export interface ChatCompletionModerationParam {
  model: string;
  policy?: { input?: { mode: 'score' | 'block' } | null; output?: { mode: 'score' | 'block' } | null } | null;
}

/** The web search tool's options. */
export interface ChatCompletionWebSearchOptions {
  search_context_size?: 'low' | 'medium' | 'high';
  user_location?: {
    type: 'approximate';
    approximate: { city?: string; country?: string; region?: string; timezone?: string };
  } | null;
}

/**
 * Parameters of `chat.completions.create`, as in the `openai` package (6.x and 7.x: where the
 * two lines differ, both spellings are accepted). `model` is a virtual model name (a pool or
 * capability) when sent to the mesh. Parameters a provider does not know are passed through
 * to it untouched.
 */
export interface ChatCompletionCreateParamsBase {
  messages: Array<ChatCompletionMessageParam>;
  model: string;
  audio?: ChatCompletionAudioParam | null;
  frequency_penalty?: number | null;
  function_call?: 'none' | 'auto' | { name: string };
  functions?: Array<{ name: string; description?: string; parameters?: JsonSchemaObject }>;
  logit_bias?: { [key: string]: number } | null;
  logprobs?: boolean | null;
  max_completion_tokens?: number | null;
  max_tokens?: number | null;
  metadata?: { [key: string]: string } | null;
  modalities?: Array<'text' | 'audio'> | null;
  moderation?: ChatCompletionModerationParam | null;
  n?: number | null;
  parallel_tool_calls?: boolean;
  prediction?: { type: 'content'; content: string | Array<ChatCompletionContentPartText> } | null;
  presence_penalty?: number | null;
  /** `null` is accepted from `openai` 6.49 on. */
  prompt_cache_key?: string | null;
  prompt_cache_options?: { mode?: 'implicit' | 'explicit'; ttl?: '30m' };
  /** `in-memory` is the 6.x spelling, `in_memory` the 7.x one. */
  prompt_cache_retention?: 'in-memory' | 'in_memory' | '24h' | null;
  reasoning_effort?: ChatCompletionReasoningEffort | null;
  response_format?: ResponseFormatText | ResponseFormatJSONSchema | ResponseFormatJSONObject;
  safety_identifier?: string | null;
  seed?: number | null;
  service_tier?: ChatCompletionServiceTier | null;
  stop?: string | Array<string> | null;
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
  web_search_options?: ChatCompletionWebSearchOptions;
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
