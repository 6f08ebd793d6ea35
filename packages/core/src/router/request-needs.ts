import type { ChatCompletionMessageParam, ChatCompletionCreateParams } from '@modelmesh/provider';

/** What a request needs from a model; computed once per request. */
export interface RequestNeeds {
  readonly tools: boolean;
  readonly vision: boolean;
  readonly json: boolean;
  readonly stream: boolean;
  /** The request is for embeddings (the model's provider must offer them). */
  readonly embeddings: boolean;
  /** Estimated prompt tokens (see {@link estimatePromptTokens}). */
  readonly promptTokens: number;
  /** Requested completion budget (`max_completion_tokens` or `max_tokens`), if any. */
  readonly maxOutputTokens: number | undefined;
}

/** Tokens an image part is counted as: OpenAI's charge for a low-detail image. */
const IMAGE_TOKENS = 85;
/** Per-message framing tokens (role markers), as OpenAI's chat format adds them. */
const MESSAGE_OVERHEAD = 4;

/**
 * Estimates prompt tokens without a tokenizer: about 4 characters per token for English
 * text (OpenAI's published rule of thumb), plus per-message framing and a flat charge per
 * image. It is deliberately cheap (it runs on every request) and tends to overestimate
 * code and non-Latin text less than it underestimates them, so context-window checks keep
 * a margin; callers needing exact counts pass `countTokens` to `createMesh`.
 */
export function estimatePromptTokens(messages: readonly ChatCompletionMessageParam[]): number {
  let chars = 0;
  let images = 0;
  for (const message of messages) {
    const content = message.content;
    if (typeof content === 'string') chars += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === 'text') chars += part.text.length;
        else if (part.type === 'image_url') images++;
        else if (part.type === 'refusal') chars += part.refusal.length;
      }
    }
    if (message.role === 'assistant' && message.tool_calls) {
      for (const call of message.tool_calls) {
        chars += call.type === 'function' ? call.function.name.length + call.function.arguments.length : call.custom.input.length;
      }
    }
  }
  return Math.ceil(chars / 4) + messages.length * MESSAGE_OVERHEAD + images * IMAGE_TOKENS;
}

/** True when any user message carries an image part. */
function hasImages(messages: readonly ChatCompletionMessageParam[]): boolean {
  return messages.some((m) => m.role === 'user' && Array.isArray(m.content) && m.content.some((part) => part.type === 'image_url'));
}

/** Reads what the request needs from a model. */
export function requestNeeds(
  params: ChatCompletionCreateParams,
  countTokens: (messages: readonly ChatCompletionMessageParam[]) => number = estimatePromptTokens,
): RequestNeeds {
  const format = params.response_format?.type;
  return {
    tools: (params.tools?.length ?? 0) > 0 || (params.functions?.length ?? 0) > 0,
    vision: hasImages(params.messages),
    json: format === 'json_object' || format === 'json_schema',
    stream: params.stream === true,
    embeddings: false,
    promptTokens: countTokens(params.messages),
    maxOutputTokens: params.max_completion_tokens ?? params.max_tokens ?? undefined,
  };
}

/** What an embeddings request needs: a provider with `embed`, and room for its input. */
export function embeddingNeeds(input: string | readonly string[] | readonly number[] | readonly (readonly number[])[]): RequestNeeds {
  const texts = typeof input === 'string' ? [input] : input.filter((item): item is string => typeof item === 'string');
  const tokenArrays = typeof input === 'string' ? 0 : input.reduce<number>((sum, item) => sum + (Array.isArray(item) ? item.length : 0), 0);
  const chars = texts.reduce((sum, text) => sum + text.length, 0);
  return { tools: false, vision: false, json: false, stream: false, embeddings: true, promptTokens: Math.ceil(chars / 4) + tokenArrays, maxOutputTokens: 0 };
}
