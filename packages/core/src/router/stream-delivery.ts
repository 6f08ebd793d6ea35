import { ModelMeshError, ProviderError, ProviderTimeoutError, StreamInterruptedError, type ChatCompletionChunk, type CompletionUsage } from '@modelmesh/provider';
import type { MiddlewareContext } from '../middleware/middleware.js';
import { CompletionAssembler } from '../streaming/completion-assembler.js';
import type { MeshModel } from './mesh-model.js';
import type { RequestRun } from './request-run.js';
import type { AttemptSignal } from './request-signals.js';
import type { AttemptTicket } from '../health/tracker-types.js';
import type { RouterContext } from './router-context.js';
import type { CommittedStream } from './stream-commit.js';
import { finishRequest } from './request-completion.js';
import type { SpendReservation } from '../usage/spend-guard.js';

/** What the delivery phase needs from the successful attempt. */
export interface DeliveryInput {
  readonly run: RequestRun;
  readonly model: MeshModel;
  readonly context: MiddlewareContext;
  readonly ticket: AttemptTicket;
  readonly attempt: AttemptSignal;
  readonly committed: CommittedStream;
  readonly spend?: SpendReservation;
}

function interruption(error: unknown, input: DeliveryInput, delivered: number): ModelMeshError {
  if (StreamInterruptedError.isInstance(error)) return error;
  const { model } = input;
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
 * timeout. A cut, stall or malformed chunk ends iteration with a StreamInterruptedError,
 * and a stream that ends without a finish reason is an interruption too: a truncated
 * answer is never presented as complete.
 */
export async function* deliverStream(ctx: RouterContext, input: DeliveryInput): AsyncGenerator<ChatCompletionChunk> {
  const { run, model, context, attempt, committed } = input;
  const { idleMs: idle } = run.pool.definition.policy.timeouts;
  const assembler = new CompletionAssembler();
  let delivered = 0;
  // 'stopped': the caller broke out of the loop early, which is their choice, not a failure.
  let outcome: 'ok' | 'failed' | 'cancelled' | 'stopped' = 'stopped';
  let failure: ModelMeshError | undefined;
  // Without chunk middleware a chunk passes straight through: no await per chunk.
  const watches = ctx.middleware.watchesChunks;
  const passed = (chunk: ChatCompletionChunk): ChatCompletionChunk => {
    assembler.add(chunk);
    return chunk;
  };
  const watched = (chunk: ChatCompletionChunk): Promise<ChatCompletionChunk | null> => ctx.middleware.onStreamChunk(passed(chunk), context);
  const stalled = () => new ProviderTimeoutError({ providerId: model.providerId, modelId: model.modelId, timeoutSeconds: idle / 1000, phase: 'idle' });
  try {
    for (const chunk of committed.buffered) {
      const out = watches ? await watched(chunk) : passed(chunk);
      if (out) {
        delivered++;
        yield out;
      }
    }
    for (;;) {
      attempt.arm(idle, stalled);
      let next: IteratorResult<ChatCompletionChunk>;
      try {
        next = await attempt.race(committed.iterator.next());
      } catch (error) {
        throw run.signals.abortError ?? interruption(error, input, delivered);
      }
      attempt.disarm();
      if (next.done) break;
      const out = watches ? await watched(next.value) : passed(next.value);
      if (out) {
        delivered++;
        yield out;
      }
    }
    if (!assembler.finished) {
      throw new StreamInterruptedError({
        providerId: model.providerId,
        modelId: model.modelId,
        chunksDelivered: delivered,
        reason: 'cut',
        message: `Stream from "${model.providerId}" ended without a finish reason after ${delivered} chunks`,
      });
    }
    outcome = 'ok';
  } catch (error) {
    failure = ModelMeshError.isInstance(error) ? error : interruption(error, input, delivered);
    outcome = failure === run.signals.abortError ? 'cancelled' : 'failed';
    // A stream that breaks after content cannot take a fallback, but middleware still sees the failure.
    if (outcome === 'failed') await ctx.middleware.onError(failure, context).catch(() => undefined);
    throw failure;
  } finally {
    attempt.dispose();
    if (outcome !== 'ok') {
      attempt.abort(failure ?? new Error('stream closed by the caller'));
      void committed.iterator.return?.()?.catch(() => undefined);
    }
    await finishRequest(ctx, {
      run,
      model,
      context,
      ticket: input.ticket,
      completion: assembler.toCompletion(),
      usage: assembler.usage ?? countedUsage(run.needs.promptTokens, assembler),
      spend: input.spend,
      timeToFirstTokenMs: committed.timeToFirstTokenMs,
      failure: outcome === 'failed' || outcome === 'cancelled' ? failure : undefined,
      cancelled: outcome === 'cancelled',
    });
  }
}

/** Usage of a stream whose provider sent none: the prompt estimate and ~4 characters per completion token. */
function countedUsage(promptTokens: number, assembler: CompletionAssembler): CompletionUsage {
  const completion = assembler.toCompletion();
  const chars = completion.choices.reduce(
    (sum, choice) => sum + (choice.message.content?.length ?? 0) + (choice.message.tool_calls ?? []).reduce((n, call) => n + (call.type === 'function' ? call.function.arguments.length : 0), 0),
    0,
  );
  const completionTokens = Math.ceil(chars / 4);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}
