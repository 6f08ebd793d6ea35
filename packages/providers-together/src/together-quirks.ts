import type { ParamRenames } from '@modelmesh/providers-openai-compatible/internal';

/*
 * Where Together AI's API differs from OpenAI's wire format (docs.together.ai). Together's
 * chat endpoint takes OpenAI's parameters and its own (`top_k`, `repetition_penalty`,
 * `min_p`, `safety_model`, `context_length_exceeded_behavior`, ...), which go through
 * untouched. Its output cap is `max_tokens` only: `max_completion_tokens` is sent as
 * `max_tokens`, so the cap the caller set is never silently ignored.
 */

/** `max_completion_tokens` → `max_tokens` (an explicit `max_tokens` wins); everything else untouched. */
export const TOGETHER_RENAMED_PARAMS: ParamRenames = { chat: { max_completion_tokens: 'max_tokens' } };
