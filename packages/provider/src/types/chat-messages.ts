// OpenAI-shaped message types (snake_case), structurally identical to the `openai`
// package's ChatCompletionMessageParam family so values flow both ways without casts.

/** A text part of a message's content. */
export interface ChatCompletionContentPartText {
  type: 'text';
  text: string;
}

/** An image part (URL or base64 data URL). */
export interface ChatCompletionContentPartImage {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

/** An audio input part. */
export interface ChatCompletionContentPartInputAudio {
  type: 'input_audio';
  input_audio: { data: string; format: 'wav' | 'mp3' };
}

/** A file input part. */
export interface ChatCompletionContentPartFile {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
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
