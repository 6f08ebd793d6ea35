import { completionToChunks, type ChatCompletionChunk, type ChatCompletionCreateParamsStreaming, type ProviderCall } from '@modelmesh/provider';
import { flatMapStream, malformedEventsOf, readHeader, readSseJson, type HttpResponse } from '@modelmesh/provider-kit';
import { asAnthropicMessage, messageToCompletion } from './anthropic-chat.js';
import type { AnthropicClient } from './anthropic-client.js';
import { refineAnthropicError } from './anthropic-errors.js';
import { AnthropicStreamConverter } from './anthropic-stream-converter.js';
import { prepareAnthropicRequest } from './prepare-anthropic-request.js';

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/**
 * `POST /v1/messages` with `stream: true`. Resolves once the API has answered 2xx (an error
 * status rejects, so the router can still fail over); the iterable yields OpenAI chunks as the
 * events arrive (see {@link AnthropicStreamConverter}), throws the typed error of an `error`
 * event (an `overloaded_error` before any content is a retryable failure the router fails over
 * from), and ends with a `connection_error` if the stream breaks off before `message_delta`
 * brought the stop reason. A stream whose `message_stop` never comes after the stop reason is whole.
 */
export async function anthropicChatStream(client: AnthropicClient, request: ChatCompletionCreateParamsStreaming, call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
  const { body, responseTool } = prepareAnthropicRequest(request, { warnings: client.warnings, defaultMaxTokens: client.defaultMaxTokens(request.model), samplingParams: client.samplingParams }, true);
  let response: HttpResponse;
  try {
    response = await client.http.requestStream({ ...client.callOptions(call, request.model, true), path: '/v1/messages', body, accept: 'text/event-stream' });
  } catch (error) {
    throw refineAnthropicError(error);
  }
  const context = { providerId: client.settings.id, modelId: request.model, secrets: client.secrets };
  const created = Math.floor(client.now() / 1000);
  // A proxy that ignores `stream` and answers JSON: serve it as a stream of one answer.
  if (/json/i.test(readHeader(response.headerSource, 'content-type') ?? '')) {
    return fromArray(completionToChunks(messageToCompletion(asAnthropicMessage(await response.json(), context), { ...context, responseTool, created })));
  }
  const converter = new AnthropicStreamConverter({
    ...context,
    responseTool,
    created,
    includeUsage: (client.settings.streamUsage ?? true) || request.stream_options?.include_usage === true,
  });
  return chunksOf(response, converter, context, call);
}

function chunksOf(response: HttpResponse, converter: AnthropicStreamConverter, context: { providerId: string; modelId: string; secrets: readonly string[] }, call: ProviderCall): AsyncIterable<ChatCompletionChunk> {
  const events = readSseJson(response.chunks(), {
    ...context,
    doneMarker: null,
    isFinal: (event) => event.event === 'message_stop' || (typeof event.data === 'object' && event.data !== null && (event.data as { type?: unknown }).type === 'message_stop'),
    completeWithoutEnd: () => converter.finished,
    // message_delta brings the stop reason with the usage: only message_stop may still come.
    finished: () => converter.finished,
    malformedEvents: malformedEventsOf(call),
  });
  // Each event gives zero or more chunks, mapped in the reader's step: no async frame per open stream.
  return flatMapStream(events, (event) => converter.accept(event.event, event.data), { end: () => converter.end() });
}
