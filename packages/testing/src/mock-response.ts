import type { ChatCompletionFinishReason } from '@modelmesh/core';
import type { MockOutcome, MockToolCall } from './mock-outcome.js';

/** Model id a mock client's answers name when a response does not say. */
export const DEFAULT_MOCK_MODEL = 'mock-model';

/** Tokens a mock client's response counts when it does not say. */
export const DEFAULT_MOCK_TOKENS = 10;

/** One scripted answer of a {@link mockClient}, as in the quick start: `{ content: 'Hello!', model: 'gpt-4o', tokens: 10 }`. */
export interface MockResponse {
  /** Answer text; default `'Mock response'` (`null` when only `toolCalls` are given). */
  readonly content?: string | null;
  /** The model id `response.model` names; default `'mock-model'`. */
  readonly model?: string;
  /** Total tokens; default 10 (or `promptTokens + completionTokens` when both are given). */
  readonly tokens?: number;
  /** Prompt tokens; default `floor(tokens / 3)`. */
  readonly promptTokens?: number;
  /** Completion tokens; default `tokens - promptTokens`. */
  readonly completionTokens?: number;
  /** Finish reason; default `'stop'` (`'tool_calls'` when there are tool calls). */
  readonly finishReason?: ChatCompletionFinishReason;
  /** Thrown for this call instead of answering, and surfaced to the caller as it is. */
  readonly error?: Error;
  /** Seconds to wait on the client's clock before answering (or failing). */
  readonly delay?: number;
  /** Stream pieces (`stream: true`); joined they are the content. Default: the content split after each word. */
  readonly chunks?: readonly string[];
  /** Tool calls the answer makes. */
  readonly toolCalls?: readonly MockToolCall[];
}

/** The mock-provider outcome a response plays. */
export function responseOutcome(response: MockResponse): MockOutcome {
  const latency = response.delay === undefined ? undefined : response.delay * 1000;
  if (response.error !== undefined) return { type: 'error', error: response.error, latency };
  const split = response.promptTokens !== undefined && response.completionTokens !== undefined;
  const tokens = response.tokens ?? (split ? undefined : DEFAULT_MOCK_TOKENS);
  return {
    type: 'ok',
    latency,
    model: response.model ?? DEFAULT_MOCK_MODEL,
    ...(tokens === undefined ? {} : { tokens }),
    ...(response.promptTokens === undefined ? {} : { promptTokens: response.promptTokens }),
    ...(response.completionTokens === undefined ? {} : { completionTokens: response.completionTokens }),
    ...(response.content === undefined ? {} : { content: response.content }),
    ...(response.finishReason === undefined ? {} : { finishReason: response.finishReason }),
    ...(response.chunks === undefined ? {} : { chunks: response.chunks }),
    ...(response.toolCalls === undefined ? {} : { toolCalls: response.toolCalls }),
  };
}
