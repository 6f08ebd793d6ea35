import { ModelMeshError, ProviderError, ProviderTimeoutError, StreamInterruptedError, type CompletionUsage } from '@modelmesh/provider';
import type { StreamTally } from '../streaming/stream-tally.js';
import type { StreamSegment } from './stream-recovery.js';

/** What broke a delivered stream, as the caller sees it: stalled, malformed, cut, or an error event from the provider. */
export function interruption(error: unknown, segment: StreamSegment, delivered: number): StreamInterruptedError {
  if (StreamInterruptedError.isInstance(error)) return error;
  const { model } = segment;
  const code = ProviderError.isInstance(error) ? error.code : undefined;
  const reason = ProviderTimeoutError.isInstance(error)
    ? 'stalled'
    : code === 'malformed_response'
      ? 'malformed'
      : code === 'connection_error' || !ModelMeshError.isInstance(error)
        ? 'cut'
        : 'provider_error';
  return new StreamInterruptedError({ providerId: model.providerId, modelId: model.modelId, chunksDelivered: delivered, reason, cause: error });
}

/** A stream that ended without a finish reason: it may be truncated, so it is a cut. */
export function endedUnfinished(segment: StreamSegment, delivered: number): StreamInterruptedError {
  const { model } = segment;
  return new StreamInterruptedError({
    providerId: model.providerId,
    modelId: model.modelId,
    chunksDelivered: delivered,
    reason: 'cut',
    message: `Stream from "${model.providerId}" ended without a finish reason after ${delivered} chunks`,
  });
}

/** Usage of a stream whose provider sent none: the prompt estimate and ~4 characters per completion token. */
export function countedUsage(promptTokens: number, tally: StreamTally): CompletionUsage {
  const completionTokens = Math.ceil(tally.characters / 4);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}
