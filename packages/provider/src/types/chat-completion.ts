import type { ChatCompletionMessageToolCall } from './chat-messages.js';
import type { ChatCompletionServiceTier } from './chat-params.js';

/** Why the model stopped. Providers map their vendor's reasons onto these. */
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
    text_tokens?: number;
  };
  prompt_tokens_details?: { audio_tokens?: number; cache_write_tokens?: number; cached_tokens?: number; image_tokens?: number; text_tokens?: number };
  /** DeepSeek's prompt tokens served from its context cache (a vendor extra). */
  prompt_cache_hit_tokens?: number;
  /** DeepSeek's prompt tokens not served from its context cache (a vendor extra). */
  prompt_cache_miss_tokens?: number;
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
  /** The chain of thought of reasoning models that return it apart from `content` (DeepSeek, some OpenAI-compatible servers). */
  reasoning_content?: string | null;
}

/** One choice of a completion. */
export interface ChatCompletionChoice {
  finish_reason: ChatCompletionFinishReason;
  index: number;
  logprobs: ChatCompletionLogprobs | null;
  message: ChatCompletionMessage;
}

/** The result of moderating one side of a request (`openai` 7.x). */
export type ChatCompletionModerationOutcome =
  | {
      type: 'moderation_results';
      model: string;
      results: Array<{
        type: 'moderation_result';
        model: string;
        flagged: boolean;
        categories: { [key: string]: boolean };
        category_applied_input_types: { [key: string]: Array<'text' | 'image'> };
        category_scores: { [key: string]: number };
      }>;
    }
  | { type: 'error'; code: string; message: string };

/** Moderation of a request's input and output, when the request asked for it (`openai` 7.x). */
export interface ChatCompletionModeration {
  input: ChatCompletionModerationOutcome;
  output: ChatCompletionModerationOutcome;
}

/**
 * The service tier that served a response. Narrower than the request's
 * {@link ChatCompletionServiceTier} on purpose: `openai` 6.x's response types lack 7.x's
 * `fast`, and responses must assign to both lines' types.
 */
export type ChatCompletionResponseServiceTier = 'auto' | 'default' | 'flex' | 'scale' | 'priority';

/** A chat completion, as the `openai` package returns it. `model` names the real model that answered. */
export interface ChatCompletion {
  id: string;
  choices: Array<ChatCompletionChoice>;
  created: number;
  model: string;
  object: 'chat.completion';
  metadata?: { [key: string]: string } | null;
  moderation?: ChatCompletionModeration | null;
  service_tier?: ChatCompletionResponseServiceTier | null;
  system_fingerprint?: string;
  usage?: CompletionUsage;
}
