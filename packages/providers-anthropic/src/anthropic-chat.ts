import { ProviderError, type ChatCompletion, type ChatCompletionCreateParamsNonStreaming, type ChatCompletionMessageFunctionToolCall, type ProviderCall } from '@modelmesh/provider';
import { safeExcerpt } from '@modelmesh/provider-kit';
import type { AnthropicClient } from './anthropic-client.js';
import { anthropicPayloadError, refineAnthropicError } from './anthropic-errors.js';
import type { AnthropicMessage, AnthropicResponseBlock, AnthropicToolUseBlock } from './anthropic-wire.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';
import { prepareAnthropicRequest } from './prepare-anthropic-request.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for an `{ type: 'error', error: {...} }` payload. */
export function isAnthropicErrorPayload(data: unknown): boolean {
  return isRecord(data) && data['type'] === 'error' && isRecord(data['error']);
}

const isText = (block: AnthropicResponseBlock): block is { type: 'text'; text: string } => block.type === 'text' && typeof (block as { text?: unknown }).text === 'string';
const isToolUse = (block: AnthropicResponseBlock): block is AnthropicToolUseBlock => block.type === 'tool_use' && typeof (block as { name?: unknown }).name === 'string';

/** What turning a Message into a completion needs besides the Message. */
export interface CompletionContext {
  providerId: string;
  modelId: string;
  secrets: readonly string[];
  /** The JSON response tool of the request, if any: its input is the content. */
  responseTool: string | undefined;
  /** `created`, in Unix seconds. */
  created: number;
}

/** Checks that a 200 body is a Message; an error payload becomes its typed error, anything else `malformed_response`. */
export function asAnthropicMessage(data: unknown, context: Omit<CompletionContext, 'responseTool' | 'created'>): AnthropicMessage {
  if (isAnthropicErrorPayload(data)) throw anthropicPayloadError(data, context);
  if (!isRecord(data) || !Array.isArray(data['content']) || !data['content'].every(isRecord)) {
    throw new ProviderError({
      providerId: context.providerId,
      modelId: context.modelId,
      code: 'malformed_response',
      message: `Provider "${context.providerId}" answered with something that is not a Message: ${safeExcerpt(JSON.stringify(data) ?? String(data), context.secrets, 200)}`,
    });
  }
  return data as unknown as AnthropicMessage;
}

/**
 * A Message → an OpenAI chat completion: text blocks joined into `content` (null when there is
 * only tool use), `tool_use` blocks → `tool_calls` (`input` serialised as `arguments`), the
 * response tool's input → `content`, `stop_reason` → `finish_reason`, usage mapped. Thinking and
 * server-tool blocks are not part of the OpenAI shape and are left out.
 */
export function messageToCompletion(message: AnthropicMessage, context: CompletionContext): ChatCompletion {
  const text = message.content.filter(isText).map((block) => block.text);
  const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
  let answeredWithJson = false;
  for (const block of message.content.filter(isToolUse)) {
    const args = JSON.stringify(block.input ?? {});
    if (block.name === context.responseTool) {
      answeredWithJson = true;
      text.push(args);
    } else {
      toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: args } });
    }
  }
  // The JSON answer is the whole content: a preamble the model wrote before calling the tool would make it unparseable.
  const content = answeredWithJson ? (text.at(-1) ?? '') : text.length > 0 ? text.join('') : toolCalls.length > 0 ? null : '';
  return {
    id: message.id,
    object: 'chat.completion',
    created: context.created,
    model: message.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: mapAnthropicStopReason(message.stop_reason, answeredWithJson && toolCalls.length === 0),
      },
    ],
    usage: mapAnthropicUsage(isRecord(message.usage) ? message.usage : {}),
  };
}

/** `POST /v1/messages` without streaming, as an OpenAI chat completion. */
export async function anthropicChat(client: AnthropicClient, request: ChatCompletionCreateParamsNonStreaming, call: ProviderCall): Promise<ChatCompletion> {
  const { body, responseTool } = prepareAnthropicRequest(request, { warnings: client.warnings, defaultMaxTokens: client.defaultMaxTokens(request.model), samplingParams: client.samplingParams }, false);
  let data: unknown;
  try {
    ({ data } = await client.http.requestJson({ ...client.callOptions(call, request.model, false), path: '/v1/messages', body }));
  } catch (error) {
    throw refineAnthropicError(error);
  }
  const context = { providerId: client.settings.id, modelId: request.model, secrets: client.secrets };
  return messageToCompletion(asAnthropicMessage(data, context), { ...context, responseTool, created: Math.floor(client.now() / 1000) });
}
