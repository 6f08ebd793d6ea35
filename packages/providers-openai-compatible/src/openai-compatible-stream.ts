import { completionToChunks, ProviderError, type ChatCompletionChunk, type ChatCompletionCreateParamsStreaming, type ProviderCall } from '@modelmesh/provider';
import { malformedEventsOf, mapStream, readHeader, readSseJson, type HttpResponse, type SseJsonEvent } from '@modelmesh/provider-kit';
import { applyAnswerHook, type AnswerContext } from './answer-hooks.js';
import { reclassified } from './error-hook.js';
import { toChatCompletion } from './openai-compatible-chat.js';
import type { OpenAICompatibleClient } from './openai-compatible-client.js';
import { errorFromPayload, isErrorPayload } from './openai-compatible-errors.js';
import { StreamProgress } from './stream-progress.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request body of a stream: the caller's params plus `stream: true` and, unless turned off, a request for usage. */
export function streamBody(client: OpenAICompatibleClient, request: ChatCompletionCreateParamsStreaming): Record<string, unknown> {
  const extra: Record<string, unknown> = { stream: true };
  // The router prices every request from usage, so a stream asks for it (keeping other stream options).
  if (client.settings.streamUsage ?? true) extra['stream_options'] = { ...request.stream_options, include_usage: true };
  return client.bodies.prepare(request, 'chat-stream', extra);
}

/**
 * `POST /chat/completions` with `stream: true`. Resolves once the server has answered 2xx
 * (an error status rejects, so the router can still fail over); the iterable yields each
 * chunk as it arrives (through `transformChunk`), turns an in-stream `{"error": ...}` event
 * into the typed error, and ends with a `connection_error` if the stream breaks off before
 * `[DONE]` while a choice is still unfinished.
 */
export async function chatCompletionStream(client: OpenAICompatibleClient, request: ChatCompletionCreateParamsStreaming, call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
  const response = await client.send({
    ...client.callOptions(call, request.model, true),
    path: '/chat/completions',
    body: streamBody(client, request),
    accept: 'text/event-stream',
  });
  // The cheapest header shape at hand: no `Headers` is built on Node's transport.
  const type = readHeader(response.headerSource, 'content-type') ?? '';
  const context: AnswerContext = { providerId: client.settings.id, modelId: request.model };
  // Some servers ignore `stream` and answer JSON: serve it as a stream of one answer.
  if (/json/i.test(type)) {
    const chunks = completionToChunks(toChatCompletion(await response.json(), client, request.model));
    return fromArray(chunks.map((chunk) => applyAnswerHook(client.settings.transformChunk, chunk, context)));
  }
  return chunksOf(client, response, context, call, (client.settings.streamUsage ?? true) || request.stream_options?.include_usage === true);
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/**
 * The chunks of an SSE answer. Made of one event reader and a few handlers per stream (not
 * per chunk): with thousands of slow streams open, what an open stream holds is what counts.
 */
function chunksOf(client: OpenAICompatibleClient, response: HttpResponse, context: AnswerContext, call: ProviderCall, usageAsked: boolean): AsyncIterable<ChatCompletionChunk> {
  const { settings, secrets } = client;
  const { modelId } = context;
  const progress = new StreamProgress();
  const requireDone = settings.requireDone ?? false;
  const events = readSseJson(response.chunks(), {
    providerId: settings.id,
    modelId,
    secrets,
    // Several servers (and proxies) drop the final [DONE]; an answer whose every choice
    // finished is whole anyway. Anything less is a cut, never a silent success.
    completeWithoutEnd: requireDone ? undefined : () => progress.complete,
    // Finished, and the usage came (or none was asked for): only [DONE] may still come, so a
    // server that never sends it costs a moment, not the idle timeout.
    finished: requireDone ? undefined : () => progress.complete && (progress.usageSeen || !usageAsked),
    malformedEvents: malformedEventsOf(call),
  });
  const toChunk = (event: SseJsonEvent): ChatCompletionChunk => {
    const { data } = event;
    if (isErrorPayload(data, event.event)) throw errorFromPayload(data, { providerId: settings.id, modelId, secrets, parseErrorBody: settings.parseErrorBody });
    if (!isRecord(data)) {
      throw new ProviderError({ providerId: settings.id, modelId, code: 'malformed_response', message: `Provider "${settings.id}" sent a stream event that is not an object` });
    }
    // The usage chunk (and some servers' keep-alive chunks) may omit `choices`.
    const chunk = applyAnswerHook(settings.transformChunk, (Array.isArray(data['choices']) ? data : { ...data, choices: [] }) as unknown as ChatCompletionChunk, context);
    progress.see(chunk);
    return chunk;
  };
  return mapStream(events, toChunk, (error) => reclassified(error, settings.reclassifyError));
}
