import type { ChatCompletion, ChatCompletionFinishReason, CompletionUsage } from '@modelmesh/core';
import type { ResponsesEcho } from './responses-request.js';

/** An output item of a Response: an assistant message or a function call. */
export type ResponseOutputItem =
  | { type: 'message'; id: string; status: 'in_progress' | 'completed' | 'incomplete'; role: 'assistant'; content: ResponseContentPart[] }
  | { type: 'function_call'; id: string; call_id: string; name: string; arguments: string; status: 'in_progress' | 'completed' | 'incomplete' };

/** A content part of an output message. */
export type ResponseContentPart = { type: 'output_text'; text: string; annotations: []; logprobs: [] } | { type: 'refusal'; refusal: string };

/** The Response's `usage`, as OpenAI names the counts. */
export function responseUsage(usage: CompletionUsage): Record<string, unknown> {
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? 0, cache_write_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens,
  };
}

/** `status` and `incomplete_details` of a finish reason: a cut answer is `incomplete`, with why. */
export function completionStatus(finish: ChatCompletionFinishReason | null | undefined): { status: 'completed' | 'incomplete'; incomplete_details: { reason: string } | null } {
  if (finish === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finish === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/** The state a Response is built from. */
export interface ResponseState {
  readonly status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  readonly model: string;
  readonly output: readonly ResponseOutputItem[];
  readonly usage: CompletionUsage | undefined;
  readonly incompleteDetails?: { reason: string } | null;
  readonly error?: { code: string; message: string } | null;
  readonly completedAt?: number;
}

/**
 * Builds Response objects of one request: the id, creation time and the request's echoed
 * settings stay the same from `response.created` to `response.completed`. `store` is always
 * false: the proxy keeps nothing.
 */
export class ResponseShape {
  constructor(
    readonly id: string,
    private readonly createdAt: number,
    private readonly echo: ResponsesEcho,
  ) {}

  /** The Response object in a given state. */
  build(state: ResponseState): Record<string, unknown> {
    return {
      id: this.id,
      object: 'response',
      created_at: this.createdAt,
      status: state.status,
      ...(state.completedAt === undefined ? {} : { completed_at: state.completedAt }),
      background: false,
      error: state.error ?? null,
      incomplete_details: state.incompleteDetails ?? null,
      instructions: this.echo.instructions,
      max_output_tokens: this.echo.max_output_tokens,
      metadata: this.echo.metadata,
      model: state.model,
      output: state.output,
      parallel_tool_calls: this.echo.parallel_tool_calls,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      store: false,
      temperature: this.echo.temperature,
      text: this.echo.text,
      tool_choice: this.echo.tool_choice,
      tools: this.echo.tools,
      top_p: this.echo.top_p,
      truncation: 'disabled',
      // Absent until known: the spec has no null usage.
      ...(state.usage === undefined ? {} : { usage: responseUsage(state.usage) }),
    };
  }

  /** The id of the output item at `index`: `msg_…` or `fc_…`, the same whether streamed or not. */
  itemId(prefix: 'msg' | 'fc', index: number): string {
    return `${prefix}_${this.id.slice('resp_'.length)}_${index}`;
  }

  /** A whole chat completion as a finished Response: its text (or refusal) as a message item, its tool calls as function_call items. */
  fromCompletion(completion: ChatCompletion, completedAt: number): Record<string, unknown> {
    const choice = completion.choices[0];
    const message = choice?.message;
    const { status, incomplete_details: incompleteDetails } = completionStatus(choice?.finish_reason);
    const output: ResponseOutputItem[] = [];
    const content: ResponseContentPart[] = [];
    if (message?.content) content.push({ type: 'output_text', text: message.content, annotations: [], logprobs: [] });
    if (message?.refusal) content.push({ type: 'refusal', refusal: message.refusal });
    if (content.length > 0) output.push({ type: 'message', id: this.itemId('msg', output.length), status, role: 'assistant', content });
    for (const call of message?.tool_calls ?? []) {
      if (call.type !== 'function') continue;
      output.push({ type: 'function_call', id: this.itemId('fc', output.length), call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: 'completed' });
    }
    return this.build({ status, model: completion.model, output, usage: completion.usage, incompleteDetails, ...(status === 'completed' ? { completedAt } : {}) });
  }
}
