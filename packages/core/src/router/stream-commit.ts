import { ProviderError, ProviderTimeoutError, type ProviderCall, type ChatCompletionChunk, type ChatCompletionCreateParamsStreaming } from '@modelmesh/provider';
import type { Clock } from '../runtime/clock.js';
import type { MeshModel } from './mesh-model.js';
import type { AttemptSignal } from './attempt-signal.js';

/** A stream that has produced its first content: from here on there is no failover. */
export interface CommittedStream {
  readonly iterator: AsyncIterator<ChatCompletionChunk>;
  /** Chunks read before and including the first content chunk; the delivery empties it once handed on. */
  readonly buffered: ChatCompletionChunk[];
  /** Milliseconds from the attempt's start to the first content chunk. */
  readonly timeToFirstTokenMs: number;
}

/** True when a chunk carries something the caller sees: text, a tool call, a refusal or a finish. */
export function isContentChunk(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.some(
    (c) =>
      (c.delta.content !== undefined && c.delta.content !== null && c.delta.content !== '') ||
      (c.delta.tool_calls?.length ?? 0) > 0 ||
      (c.delta.refusal !== undefined && c.delta.refusal !== null && c.delta.refusal !== '') ||
      c.delta.function_call !== undefined ||
      c.finish_reason !== null,
  );
}

/**
 * Opens the provider's stream and reads until the first content chunk, under the
 * first-token timeout. Anything that goes wrong here is an ordinary attempt failure, so
 * the router can still retry or fail over: the caller has seen nothing yet.
 */
export async function openStreamUntilFirstContent(
  model: MeshModel,
  request: ChatCompletionCreateParamsStreaming,
  attempt: AttemptSignal,
  call: ProviderCall,
  clock: Clock,
  firstTokenMs: number,
): Promise<CommittedStream> {
  const started = clock.now();
  attempt.arm(firstTokenMs, () => new ProviderTimeoutError({ providerId: model.providerId, modelId: model.modelId, timeoutSeconds: firstTokenMs / 1000, phase: 'first-token' }));
  const iterable = await attempt.race(model.provider.chatStream(request, call));
  const iterator = iterable[Symbol.asyncIterator]();
  const buffered: ChatCompletionChunk[] = [];
  try {
    for (;;) {
      const next = await attempt.race(iterator.next());
      if (next.done) {
        // A finish chunk counts as content, so ending here means nothing was said at all.
        throw new ProviderError({
          providerId: model.providerId,
          modelId: model.modelId,
          code: 'malformed_response',
          message: `Stream from "${model.providerId}" ended before any content`,
        });
      }
      buffered.push(next.value);
      if (isContentChunk(next.value)) {
        attempt.disarm();
        return { iterator, buffered, timeToFirstTokenMs: clock.now() - started };
      }
    }
  } catch (error) {
    void iterator.return?.()?.catch(() => undefined);
    attempt.abort(error);
    throw error;
  }
}
