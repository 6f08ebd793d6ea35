import { estimateTokens } from '../fake-chat-request.js';
import { splitIntoPieces } from '../fake-chat-answer.js';
import type { AnthropicRequestView } from './fake-anthropic-request.js';
import type { FakeAnthropicAnswer, FakeAnthropicStopReason } from './fake-anthropic-step.js';

/** A tool use with its id, its input object and the JSON text streamed for it. */
export interface ResolvedToolUse {
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
  readonly inputJson: string;
}

/** Usage as the Messages API reports it. */
export interface AnthropicUsageJson {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
}

/** Everything an answer sends, decided once so that JSON and SSE say the same thing. */
export interface AnthropicAnswerPlan {
  readonly id: string;
  readonly model: string;
  /** The text block's text; '' means no text block. */
  readonly text: string;
  readonly textPieces: readonly string[];
  readonly toolUses: readonly ResolvedToolUse[];
  readonly stopReason: FakeAnthropicStopReason;
  readonly stopSequence: string | null;
  readonly usage: AnthropicUsageJson;
  readonly ping: boolean;
}

/** Ids of one answer. */
export interface AnthropicAnswerIdentity {
  /** Sequence number of the request, for ids. */
  readonly sequence: number;
}

function parseInput(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return {};
  }
}

/** Decides the answer to a Messages request from the step's answer fields and the request. */
export function planAnthropicAnswer(request: AnthropicRequestView, answer: FakeAnthropicAnswer, identity: AnthropicAnswerIdentity): AnthropicAnswerPlan {
  const toolUses = (answer.toolUses ?? []).map((use, index) => {
    const inputJson = typeof use.input === 'string' ? use.input : JSON.stringify(use.input);
    return { id: use.id ?? `toolu_fake${identity.sequence}_${index}`, name: use.name, input: parseInput(inputJson), inputJson };
  });
  const joined = answer.chunks?.join('');
  const text = answer.content !== undefined ? (answer.content ?? '') : joined !== undefined ? joined : toolUses.length > 0 ? '' : `Echo: ${request.lastUserText}`;
  const stopReason = answer.stopReason ?? (toolUses.length > 0 ? 'tool_use' : 'end_turn');
  const completionText = text + toolUses.map((use) => use.name + use.inputJson).join('');
  const given = answer.usage;
  return {
    id: `msg_fake${String(identity.sequence).padStart(6, '0')}`,
    model: answer.model ?? request.model ?? 'claude-haiku-4-5',
    text,
    textPieces: answer.chunks ? [...answer.chunks] : splitIntoPieces(text),
    toolUses,
    stopReason,
    stopSequence: stopReason === 'stop_sequence' ? (answer.stopSequence ?? request.stopSequences[0] ?? null) : null,
    usage: {
      input_tokens: given === null ? 0 : (given?.input_tokens ?? estimateTokens(request.promptText)),
      output_tokens: given === null ? 0 : (given?.output_tokens ?? (completionText === '' ? 1 : estimateTokens(completionText))),
      cache_creation_input_tokens: given?.cache_creation_input_tokens ?? 0,
      cache_read_input_tokens: given?.cache_read_input_tokens ?? 0,
    },
    ping: answer.ping ?? true,
  };
}

/** The full `usage` object of a Message, as the API sends it. */
export function messageUsageJson(usage: AnthropicUsageJson): Record<string, unknown> {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage.output_tokens,
    service_tier: 'standard',
  };
}

/** The non-streaming Message of a plan. */
export function anthropicMessageJson(plan: AnthropicAnswerPlan): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  if (plan.text !== '') content.push({ type: 'text', text: plan.text });
  for (const use of plan.toolUses) content.push({ type: 'tool_use', id: use.id, name: use.name, input: use.input });
  return {
    id: plan.id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content,
    stop_reason: plan.stopReason,
    stop_sequence: plan.stopSequence,
    usage: messageUsageJson(plan.usage),
  };
}
