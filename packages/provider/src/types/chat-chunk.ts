import type { ChatCompletionFinishReason, ChatCompletionLogprobs, ChatCompletionModeration, ChatCompletionResponseServiceTier, CompletionUsage } from './chat-completion.js';

/**
 * A partial function tool call in a stream delta; arguments arrive in pieces. (`openai` 7.x
 * also declares streamed custom tool calls; 6.x does not, and chunks must assign to both.)
 */
export interface ChatCompletionChunkToolCall {
  index: number;
  id?: string;
  function?: { arguments?: string; name?: string };
  type?: 'function';
}

/** What a stream chunk adds to a choice. */
export interface ChatCompletionChunkDelta {
  audio?: { id?: string; data?: string; expires_at?: number; transcript?: string };
  content?: string | null;
  function_call?: { arguments?: string; name?: string };
  refusal?: string | null;
  role?: 'developer' | 'system' | 'user' | 'assistant' | 'tool';
  tool_calls?: Array<ChatCompletionChunkToolCall>;
  /** A piece of the chain of thought, from vendors that stream it apart from `content` (DeepSeek). */
  reasoning_content?: string | null;
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
  moderation?: ChatCompletionModeration | null;
  obfuscation?: string;
  service_tier?: ChatCompletionResponseServiceTier | null;
  system_fingerprint?: string;
  usage?: CompletionUsage | null;
}
