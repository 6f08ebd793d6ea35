import { ContentFilteredError, ContextLengthExceededError, ProviderError, type ChatCompletionCreateParamsStreaming } from '@modelmesh/provider';
import type { StreamRecoveryMode } from '../config/pool-policy.js';
import type { MeshModel } from './mesh-model.js';
import type { RouterContext } from './router-context.js';

// Models that answered a prefill with a 400, per mesh: learned once, so later recoveries restart
// there at once. In-process only: relearning costs one fast 400 per process.
const rejectedPrefill = new WeakMap<RouterContext, Set<string>>();

/** How a broken stream goes on on `model`. */
export type RecoveryMode = Exclude<StreamRecoveryMode, 'off'>;

/**
 * `continue` when the pool allows it, nothing but text was delivered (a tool call cut mid-arguments
 * is restarted, never prefilled) and the model has prefill or is not known to lack it.
 */
export function recoveryModeFor(ctx: RouterContext, policy: StreamRecoveryMode, model: MeshModel, deliveredToolCalls: boolean): RecoveryMode {
  if (policy !== 'continue' || deliveredToolCalls) return 'restart';
  if (model.features.prefill === false || rejectedPrefill.get(ctx)?.has(model.key)) return 'restart';
  return 'continue';
}

/** Remembers that `model` has no prefill. */
export function learnNoPrefill(ctx: RouterContext, model: MeshModel): void {
  let models = rejectedPrefill.get(ctx);
  if (!models) rejectedPrefill.set(ctx, (models = new Set()));
  models.add(model.key);
}

/**
 * A provider's refusal of the prefill itself: a 400 or 422 that is not about the prompt's size or
 * content (those would refuse the restart just the same).
 */
export function isPrefillRejection(error: unknown): boolean {
  if (!ProviderError.isInstance(error) || ContextLengthExceededError.isInstance(error) || ContentFilteredError.isInstance(error)) return false;
  return error.status === 400 || error.status === 422;
}

/** The original request plus the delivered text as a final assistant turn the model continues. */
export function withPrefill(request: ChatCompletionCreateParamsStreaming, delivered: string): ChatCompletionCreateParamsStreaming {
  return { ...request, messages: [...request.messages, { role: 'assistant', content: delivered, prefix: true }] };
}
