import { ModelMeshError, ProviderError, ProviderTimeoutError, StreamInterruptedError, type ChatCompletionChunk, type CompletionUsage } from '@modelmesh/provider';
import { CompletionAssembler } from '../streaming/completion-assembler.js';
import { StreamTally } from '../streaming/stream-tally.js';
import type { RequestRun } from './request-run.js';
import type { RouterContext } from './router-context.js';
import { addUsage, finishRequest } from './request-completion.js';
import { deliveredAnswer, isRecoverable, recoverStream, RecoveryLedger, settleBroken, type StreamSegment } from './stream-recovery.js';
import { ReplayDivergedError } from './stream-replay.js';

/** What the delivery phase needs from the successful attempt. */
export interface DeliveryInput extends StreamSegment {
  readonly run: RequestRun;
}

function interruption(error: unknown, segment: StreamSegment, delivered: number): StreamInterruptedError {
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

/**
 * Hands a committed stream to the caller chunk by chunk (no buffering), under the idle
 * timeout. A cut, stall, error event or stream that ends without a finish reason is an
 * interruption: the pool's `stream_recovery` goes on on the next candidate (see
 * stream-recovery.ts), so the caller gets one complete answer; when it cannot, iteration ends
 * with a StreamInterruptedError. A truncated answer is never presented as complete.
 */
export async function* deliverStream(ctx: RouterContext, input: DeliveryInput): AsyncGenerator<ChatCompletionChunk> {
  const { run } = input;
  const { idleMs: idle } = run.pool.definition.policy.timeouts;
  // What the caller received, across models; and a tally of what the model now streaming sent.
  const caller = new CompletionAssembler();
  let own = new StreamTally();
  let segment: StreamSegment = input;
  // The segment was already settled as a part of the answer (its stream broke, and no one took over).
  let settled = false;
  const ledger = new RecoveryLedger();
  let first: StreamInterruptedError | undefined;
  let delivered = 0;
  // 'stopped': the caller broke out of the loop early, which is their choice, not a failure.
  let outcome: 'ok' | 'failed' | 'cancelled' | 'stopped' = 'stopped';
  let failure: ModelMeshError | undefined;
  // Without chunk middleware a chunk passes straight through: no await per chunk.
  const watches = ctx.middleware.watchesChunks;
  const toCaller = (raw: ChatCompletionChunk): ChatCompletionChunk | null => {
    own.add(raw);
    let chunk = segment.replay ? segment.replay.shape(raw) : raw;
    // The caller's usage is the sum over every model that streamed a part of the answer.
    if (chunk?.usage && ledger.usage) chunk = { ...chunk, usage: addUsage(chunk.usage, ledger.usage) };
    if (chunk) caller.add(chunk);
    return chunk;
  };
  const ownUsage = (): CompletionUsage => own.usage ?? countedUsage(run.needs.promptTokens, own);
  try {
    for (;;) {
      const { model, attempt, committed } = segment;
      const stalled = () => new ProviderTimeoutError({ providerId: model.providerId, modelId: model.modelId, timeoutSeconds: idle / 1000, phase: 'idle' });
      try {
        let buffered = 0;
        for (;;) {
          let raw: ChatCompletionChunk;
          if (buffered < committed.buffered.length) {
            raw = committed.buffered[buffered++] as ChatCompletionChunk;
          } else {
            attempt.arm(idle, stalled);
            let next: IteratorResult<ChatCompletionChunk>;
            try {
              next = await attempt.race(committed.iterator.next());
            } catch (error) {
              throw run.signals.abortError ?? interruption(error, segment, delivered);
            }
            // Paused, not disarmed: the next chunk re-arms the same timer.
            attempt.pause();
            if (next.done) break;
            raw = next.value;
          }
          const chunk = toCaller(raw);
          const out = chunk && watches ? await ctx.middleware.onStreamChunk(chunk, segment.context) : chunk;
          if (out) {
            delivered++;
            yield out;
          }
        }
        if (!own.finished) {
          throw new StreamInterruptedError({
            providerId: model.providerId,
            modelId: model.modelId,
            chunksDelivered: delivered,
            reason: 'cut',
            message: `Stream from "${model.providerId}" ended without a finish reason after ${delivered} chunks`,
          });
        }
        break;
      } catch (error) {
        if (run.signals.abortError) throw run.signals.abortError;
        if (error instanceof ReplayDivergedError && first) {
          // The model that restarted is not at fault for taking another turn: its part is billed, its health untouched.
          settled = true;
          await settleBroken(ctx, run, { segment, error: first, usage: ownUsage() }, ledger, false);
          throw first;
        }
        const broken = interruption(error, segment, delivered);
        if (!isRecoverable(run, broken)) throw first ?? broken;
        first ??= broken;
        const usage = ownUsage();
        const held = caller.toCompletion();
        settled = true;
        segment = await recoverStream(ctx, run, { segment, error: broken, usage }, deliveredAnswer(held), held.id, first, ledger);
        settled = false;
        own = new StreamTally();
      }
    }
    outcome = 'ok';
  } catch (error) {
    failure = ModelMeshError.isInstance(error) ? error : interruption(error, segment, delivered);
    outcome = failure === run.signals.abortError ? 'cancelled' : 'failed';
    // A stream that breaks after content cannot take a fallback, but middleware still sees the failure.
    if (outcome === 'failed') await ctx.middleware.onError(failure, segment.context).catch(() => undefined);
    throw failure;
  } finally {
    const { model, attempt, committed } = segment;
    attempt.dispose();
    if (outcome !== 'ok' && !settled) {
      attempt.abort(failure ?? new Error('stream closed by the caller'));
      void committed.iterator.return?.()?.catch(() => undefined);
    }
    const usage = ownUsage();
    // The caller's text, named for the model that finished it, with that model's own usage.
    const assembled = caller.toCompletion();
    const completion = { ...assembled, model: own.model || assembled.model };
    if (ledger.usage) completion.usage = usage;
    await finishRequest(ctx, {
      run,
      model: settled ? undefined : model,
      context: segment.context,
      ticket: settled ? undefined : segment.ticket,
      completion,
      usage,
      spend: settled ? undefined : segment.spend,
      timeToFirstTokenMs: ledger.usage ? undefined : input.committed.timeToFirstTokenMs,
      failure: outcome === 'failed' || outcome === 'cancelled' ? failure : undefined,
      cancelled: outcome === 'cancelled',
      recovered: ledger.parts,
    });
  }
}

/** Usage of a stream whose provider sent none: the prompt estimate and ~4 characters per completion token. */
function countedUsage(promptTokens: number, tally: StreamTally): CompletionUsage {
  const completionTokens = Math.ceil(tally.characters / 4);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}
