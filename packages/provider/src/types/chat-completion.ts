import type { ChatCompletionMessageToolCall } from './chat-messages.js';

/** Why the model stopped. */
export type ChatCompletionFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** Token counts of one completion. */
export interface CompletionUsage {
  completion_tokens: number;
  prompt_tokens: number;
  total_tokens: number;
  completion_tokens_details?: {
    accepted_prediction_tokens?: number;
    audio_tokens?: number;
    reasoning_tokens?: number;
    rejected_prediction_tokens?: number;
  };
  prompt_tokens_details?: { audio_tokens?: number; cached_tokens?: number };
  /** camelCase alias of `prompt_tokens` on responses from the mesh (not serialised). */
  readonly promptTokens?: number;
  /** camelCase alias of `completion_tokens` on responses from the mesh (not serialised). */
  readonly completionTokens?: number;
  /** camelCase alias of `total_tokens` on responses from the mesh (not serialised). */
  readonly totalTokens?: number;
}

/** Log probability of one token. */
export interface ChatCompletionTokenLogprob {
  token: string;
  bytes: Array<number> | null;
  logprob: number;
  top_logprobs: Array<{ token: string; bytes: Array<number> | null; logprob: number }>;
}

/** Log probabilities of a choice. */
export interface ChatCompletionLogprobs {
  content: Array<ChatCompletionTokenLogprob> | null;
  refusal: Array<ChatCompletionTokenLogprob> | null;
}

/** The assistant message of a completion choice. */
export interface ChatCompletionMessage {
  content: string | null;
  refusal: string | null;
  role: 'assistant';
  annotations?: Array<{
    type: 'url_citation';
    url_citation: { end_index: number; start_index: number; title: string; url: string };
  }>;
  audio?: { id: string; data: string; expires_at: number; transcript: string } | null;
  function_call?: { arguments: string; name: string } | null;
  tool_calls?: Array<ChatCompletionMessageToolCall>;
}

/** One choice of a completion. */
export interface ChatCompletionChoice {
  finish_reason: ChatCompletionFinishReason;
  index: number;
  logprobs: ChatCompletionLogprobs | null;
  message: ChatCompletionMessage;
}

/** A chat completion, as the `openai` package returns it. `model` names the real model that answered. */
export interface ChatCompletion {
  id: string;
  choices: Array<ChatCompletionChoice>;
  created: number;
  model: string;
  object: 'chat.completion';
  service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
  system_fingerprint?: string;
  usage?: CompletionUsage;
}

/** A partial tool call in a stream delta; arguments arrive in pieces. */
export interface ChatCompletionChunkToolCall {
  index: number;
  id?: string;
  function?: { arguments?: string; name?: string };
  type?: 'function';
}

/** What a stream chunk adds to a choice. */
export interface ChatCompletionChunkDelta {
  content?: string | null;
  function_call?: { arguments?: string; name?: string };
  refusal?: string | null;
  role?: 'developer' | 'system' | 'user' | 'assistant' | 'tool';
  tool_calls?: Array<ChatCompletionChunkToolCall>;
}

/** One choice of a stream chunk. */
export interface ChatCompletionChunkChoice {
  delta: ChatCompletionChunkDelta;
  finish_reason: ChatCompletionFinishReason | null;
  index: number;
  logprobs?: ChatCompletionLogprobs | null;
}

/** One chunk of a streamed chat completion. */
export interface ChatCompletionChunk {
  id: string;
  choices: Array<ChatCompletionChunkChoice>;
  created: number;
  model: string;
  object: 'chat.completion.chunk';
  service_tier?: 'auto' | 'default' | 'flex' | 'scale' | 'priority' | null;
  system_fingerprint?: string;
  usage?: CompletionUsage | null;
}
