// OpenAI-shaped message types (snake_case). Each one is the union of what the `openai`
// package's 6.x and 7.x lines declare, so a message built with either version's types is
// accepted as it is; /type-tests checks assignability in both directions.

/** Marks a content part as the end of a cacheable prompt prefix (explicit prompt caching). */
export interface ChatCompletionPromptCacheBreakpoint {
  mode: 'explicit';
  ttl?: '30m' | '12h';
}

/** A text part of a message's content. */
export interface ChatCompletionContentPartText {
  type: 'text';
  text: string;
  prompt_cache_breakpoint?: ChatCompletionPromptCacheBreakpoint;
}

/**
 * An image part (URL or base64 data URL). `detail: 'original'` exists from `openai` 7.x on;
 * vendors that do not know it treat it as `auto`.
 */
export interface ChatCompletionContentPartImage {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' | 'original' };
  prompt_cache_breakpoint?: ChatCompletionPromptCacheBreakpoint;
}

/** An audio input part. */
export interface ChatCompletionContentPartInputAudio {
  type: 'input_audio';
  input_audio: { data: string; format: 'wav' | 'mp3' };
  prompt_cache_breakpoint?: ChatCompletionPromptCacheBreakpoint;
}

/** A file input part. */
export interface ChatCompletionContentPartFile {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
  prompt_cache_breakpoint?: ChatCompletionPromptCacheBreakpoint;
}

/** A refusal part of an assistant message. */
export interface ChatCompletionContentPartRefusal {
  type: 'refusal';
  refusal: string;
}

/** Any content part a user message may carry. */
export type ChatCompletionContentPart =
  | ChatCompletionContentPartText
  | ChatCompletionContentPartImage
  | ChatCompletionContentPartInputAudio
  | ChatCompletionContentPartFile;

/** A function tool call made by the assistant. */
export interface ChatCompletionMessageFunctionToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A custom (free-form input) tool call made by the assistant. */
export interface ChatCompletionMessageCustomToolCall {
  id: string;
  type: 'custom';
  custom: { name: string; input: string };
}

/** A tool call in an assistant message. */
export type ChatCompletionMessageToolCall = ChatCompletionMessageFunctionToolCall | ChatCompletionMessageCustomToolCall;

/** Developer instructions (newer models' replacement for `system`). */
export interface ChatCompletionDeveloperMessageParam {
  role: 'developer';
  content: string | Array<ChatCompletionContentPartText>;
  name?: string;
}

/** System instructions. */
export interface ChatCompletionSystemMessageParam {
  role: 'system';
  content: string | Array<ChatCompletionContentPartText>;
  name?: string;
}

/** A user turn: text or multimodal parts. */
export interface ChatCompletionUserMessageParam {
  role: 'user';
  content: string | Array<ChatCompletionContentPart>;
  name?: string;
}

/** An assistant turn, possibly with tool calls. */
export interface ChatCompletionAssistantMessageParam {
  role: 'assistant';
  content?: string | Array<ChatCompletionContentPartText | ChatCompletionContentPartRefusal> | null;
  name?: string;
  refusal?: string | null;
  tool_calls?: Array<ChatCompletionMessageToolCall>;
  function_call?: { name: string; arguments: string } | null;
  audio?: { id: string } | null;
  /**
   * This final assistant turn is a prefill: the model continues its text rather than answering
   * anew (Mistral's and DeepSeek's wire name; each provider sends it in its vendor's own form).
   */
  prefix?: boolean;
}

/** The result of a tool call, answering the assistant's `tool_call_id`. */
export interface ChatCompletionToolMessageParam {
  role: 'tool';
  content: string | Array<ChatCompletionContentPartText>;
  tool_call_id: string;
}

/** Deprecated function result message. */
export interface ChatCompletionFunctionMessageParam {
  role: 'function';
  content: string | null;
  name: string;
}

/** Any message of a chat request. */
export type ChatCompletionMessageParam =
  | ChatCompletionDeveloperMessageParam
  | ChatCompletionSystemMessageParam
  | ChatCompletionUserMessageParam
  | ChatCompletionAssistantMessageParam
  | ChatCompletionToolMessageParam
  | ChatCompletionFunctionMessageParam;

/** Role of a message. */
export type ChatCompletionRole = ChatCompletionMessageParam['role'];
