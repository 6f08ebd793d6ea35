import { ProviderError, type ChatCompletion, type ChatCompletionCreateParamsNonStreaming, type ProviderCall } from '@modelmesh/provider';
import { safeExcerpt } from '@modelmesh/provider-kit';
import { applyAnswerHook } from './answer-hooks.js';
import type { OpenAICompatibleClient } from './openai-compatible-client.js';
import { errorFromPayload, isErrorPayload } from './openai-compatible-errors.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks that a 200 body is a chat completion (an object with a `choices` array). A body
 * that is an error report becomes the typed error; anything else is `malformed_response`.
 * The completion is returned as the server sent it: vendor extras stay.
 */
export function toChatCompletion(data: unknown, client: OpenAICompatibleClient, modelId: string): ChatCompletion {
  if (isErrorPayload(data)) throw errorFromPayload(data, { providerId: client.settings.id, modelId, secrets: client.secrets, parseErrorBody: client.settings.parseErrorBody });
  if (!isRecord(data) || !Array.isArray(data['choices'])) {
    throw new ProviderError({
      providerId: client.settings.id,
      modelId,
      code: 'malformed_response',
      message: `Provider "${client.settings.id}" answered with something that is not a chat completion: ${safeExcerpt(JSON.stringify(data), client.secrets, 200)}`,
    });
  }
  return data as unknown as ChatCompletion;
}

/** `POST /chat/completions` without streaming; the completion goes through `transformResponse`. */
export async function chatCompletion(client: OpenAICompatibleClient, request: ChatCompletionCreateParamsNonStreaming, call: ProviderCall): Promise<ChatCompletion> {
  const body = client.bodies.prepare(request, 'chat');
  const data = await client.sendJson({ ...client.callOptions(call, request.model, false), path: '/chat/completions', body });
  const completion = toChatCompletion(data, client, request.model);
  return applyAnswerHook(client.settings.transformResponse, completion, { providerId: client.settings.id, modelId: request.model });
}
