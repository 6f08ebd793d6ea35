import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming, ProviderCall } from '@modelmesh/provider';
import { flatMapStream, malformedEventsOf, readHeader, readSseJson, type HttpResponse } from '@modelmesh/provider-kit';
import { malformed, toChatCompletion, type ResponseContext } from './gemini-response.js';
import { GeminiStreamConverter } from './gemini-stream.js';
import type { GoogleClient } from './google-client.js';
import { prepareGeminiRequest } from './prepare-gemini-request.js';

function contextOf(client: GoogleClient, modelId: string): ResponseContext {
  return { providerId: client.settings.id, modelId, secrets: client.secrets, now: client.now() };
}

/** `POST /v1beta/models/{model}:generateContent`, converted to an OpenAI chat completion. */
export async function googleChat(client: GoogleClient, request: ChatCompletionCreateParamsNonStreaming, call: ProviderCall): Promise<ChatCompletion> {
  const body = prepareGeminiRequest(request, client.settings, client.warnings);
  const response = await client.send({ ...client.callOptions(call, request.model, false), path: client.methodPath(request.model, 'generateContent'), body });
  return toChatCompletion(await response.json(), contextOf(client, request.model));
}

/**
 * `POST /v1beta/models/{model}:streamGenerateContent?alt=sse`. Resolves once Gemini has answered
 * 2xx (an error status rejects, so the router can still fail over); the iterable converts each
 * event as it arrives (see {@link GeminiStreamConverter}) and ends with a usage chunk. A stream
 * that ends before every candidate has its finish reason is a retryable `connection_error`,
 * never a silently truncated answer; ending iteration early releases the connection.
 */
export async function googleChatStream(client: GoogleClient, request: ChatCompletionCreateParamsStreaming, call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
  const body = prepareGeminiRequest(request, client.settings, client.warnings);
  const response = await client.send({
    ...client.callOptions(call, request.model, true),
    path: client.methodPath(request.model, 'streamGenerateContent'),
    query: { alt: 'sse' },
    body,
    accept: 'text/event-stream',
  });
  const context = contextOf(client, request.model);
  const converter = new GeminiStreamConverter(context);
  // Without `alt=sse` (a proxy that drops it) Gemini answers one JSON array of the same events.
  if (/json/i.test(readHeader(response.headerSource, 'content-type') ?? '')) return fromJson(await response.json(), converter, context);
  return fromSse(client, response, converter, request.model, call);
}

async function* fromJson(data: unknown, converter: GeminiStreamConverter, context: ResponseContext): AsyncGenerator<ChatCompletionChunk> {
  for (const event of Array.isArray(data) ? data : [data]) yield* converter.convert(event);
  if (!converter.complete) throw malformed(context, 'answered a stream request with JSON that never finishes', data);
  yield* converter.end();
}

function fromSse(client: GoogleClient, response: HttpResponse, converter: GeminiStreamConverter, modelId: string, call: ProviderCall): AsyncIterable<ChatCompletionChunk> {
  // Gemini's stream has no [DONE]: it ends after the event carrying the finish reason (and the usage).
  const events = readSseJson(response.chunks(), {
    providerId: client.settings.id,
    modelId,
    secrets: client.secrets,
    doneMarker: null,
    completeWithoutEnd: () => converter.complete,
    finished: () => converter.complete,
    malformedEvents: malformedEventsOf(call),
  });
  // Each event gives zero or more chunks, mapped in the reader's step: no async frame per open stream.
  return flatMapStream(events, (event) => converter.convert(event.data), { end: () => converter.end() });
}
