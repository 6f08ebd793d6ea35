import { completionToChunks, ProviderError, type ChatCompletionChunk, type ChatCompletionCreateParamsStreaming, type ProviderCall } from '@modelmesh/provider';
import { malformedEventsOf, readHeader, readSseJson, type HttpResponse, type SseJsonEvent } from '@modelmesh/provider-kit';
import { applyAnswerHook, type AnswerContext } from './answer-hooks.js';
import { reclassified } from './error-hook.js';
import { toChatCompletion } from './openai-compatible-chat.js';
import type { OpenAICompatibleClient } from './openai-compatible-client.js';
import { errorFromPayload, isErrorPayload } from './openai-compatible-errors.js';

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

/** Tracks which choices have finished, to tell a complete answer from a truncated one. */
class StreamProgress {
  private readonly finished = new Map<number, boolean>();

  see(chunk: ChatCompletionChunk): void {
    if (chunk.usage) this.usageSeen = true;
    for (const choice of chunk.choices) {
      const done = choice.finish_reason !== null && choice.finish_reason !== undefined;
      this.finished.set(choice.index, this.finished.get(choice.index) === true || done);
    }
  }

  /** A chunk carried usage (the last one the server sends before `[DONE]`). */
  usageSeen = false;

  /** Every choice announced its finish reason: the answer is whole. */
  get complete(): boolean {
    return this.finished.size > 0 && [...this.finished.values()].every(Boolean);
  }
}

function chunksOf(client: OpenAICompatibleClient, response: HttpResponse, context: AnswerContext, call: ProviderCall, usageAsked: boolean): AsyncIterable<ChatCompletionChunk> {
  const { modelId } = context;
  const progress = new StreamProgress();
  const events = readSseJson(response.chunks(), {
    providerId: client.settings.id,
    modelId,
    secrets: client.secrets,
    // Several servers (and proxies) drop the final [DONE]; an answer whose every choice
    // finished is whole anyway. Anything less is a cut, never a silent success.
    completeWithoutEnd: (client.settings.requireDone ?? false) ? undefined : () => progress.complete,
    // Finished, and the usage came (or none was asked for): only [DONE] may still come, so a
    // server that never sends it costs a moment, not the idle timeout.
    finished: (client.settings.requireDone ?? false) ? undefined : () => progress.complete && (progress.usageSeen || !usageAsked),
    malformedEvents: malformedEventsOf(call),
  });
  const toChunk = (event: SseJsonEvent): ChatCompletionChunk => {
    const { data } = event;
    if (isErrorPayload(data, event.event)) throw errorFromPayload(data, { providerId: client.settings.id, modelId, secrets: client.secrets, parseErrorBody: client.settings.parseErrorBody });
    if (!isRecord(data)) {
      throw new ProviderError({ providerId: client.settings.id, modelId, code: 'malformed_response', message: `Provider "${client.settings.id}" sent a stream event that is not an object` });
    }
    // The usage chunk (and some servers' keep-alive chunks) may omit `choices`.
    const chunk = applyAnswerHook(client.settings.transformChunk, (Array.isArray(data['choices']) ? data : { ...data, choices: [] }) as unknown as ChatCompletionChunk, context);
    progress.see(chunk);
    return chunk;
  };
  const fail = async (error: unknown): Promise<never> => {
    await events.return?.();
    throw reclassified(error, client.settings.reclassifyError);
  };
  // Made once per stream: an event costs one `then`, no async frame of its own.
  const onEvent = (next: IteratorResult<SseJsonEvent>): IteratorResult<ChatCompletionChunk> | Promise<never> => {
    if (next.done) return { done: true, value: undefined };
    try {
      return { done: false, value: toChunk(next.value) };
    } catch (error) {
      return fail(error);
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return {
        next: (): Promise<IteratorResult<ChatCompletionChunk>> => events.next().then(onEvent, fail),
        async return(): Promise<IteratorResult<ChatCompletionChunk>> {
          await events.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
