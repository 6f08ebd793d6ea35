import { AuthenticationError, ProviderHttpError } from '@modelmesh/core';
import type { ProviderWarning, RequestKind } from '@modelmesh/providers-openai-compatible';

/*
 * Where xAI's API differs from OpenAI's wire format (docs.x.ai). xAI accepts OpenAI's
 * parameters, with these exceptions documented on its models page: reasoning models answer
 * an error to `presence_penalty`, `frequency_penalty` and `stop`, and the grok-4 family has
 * no `reasoning_effort` (sending one is an error). They are removed for those models, with
 * one warning per parameter and kind of model. Reasoning models return their thinking in
 * `reasoning_content` (grok-3-mini) beside `content`; it is passed through as sent.
 *
 * Errors: xAI's bodies are `{ code: "<gRPC status text>", error: "<message>" }`, which
 * provider-kit reads. A wrong or missing API key is answered with HTTP 400 (not 401) and
 * "Incorrect API key provided"; that becomes an AuthenticationError, so the router fails over
 * to another provider instead of treating the request itself as bad.
 */

/** Reports a removed parameter once per key and provider instance. */
export type WarnOnce = (key: string, param: string, message: string) => void;

/** A {@link WarnOnce} that reports to `onWarning` (default `console.warn`). */
export function warnOnce(providerId: string, onWarning?: (warning: ProviderWarning) => void): WarnOnce {
  const seen = new Set<string>();
  const report = onWarning ?? ((warning: ProviderWarning) => console.warn(`[modelmesh] ${warning.message}`));
  return (key, param, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    report({ type: 'unsupported-param', providerId, param, message });
  };
}

/** Parameters xAI's reasoning models reject. */
export const XAI_REASONING_DROPPED_PARAMS: readonly string[] = ['presence_penalty', 'frequency_penalty', 'stop'];

/**
 * The reasoning models: the grok-4 family except `-non-reasoning` variants, grok-3-mini
 * (and its `-fast`/dated variants), grok-code models. Ids may carry a `latest`/date suffix.
 */
export function isXaiReasoningModel(model: unknown): boolean {
  if (typeof model !== 'string') return false;
  const id = model.toLowerCase();
  if (id.includes('non-reasoning')) return false;
  return /^grok-4(\b|[-.])/.test(id) || /^grok-3-mini/.test(id) || /^grok-code/.test(id);
}

/** The grok-4 family, which has no `reasoning_effort`. */
export const isGrok4 = (model: unknown): boolean => typeof model === 'string' && /^grok-4(\b|[-.])/i.test(model);

/** Removes what the target model rejects (see the notes above); everything else goes through untouched. */
export function xaiRequestBody(body: Record<string, unknown>, kind: RequestKind, warn: WarnOnce): Record<string, unknown> {
  if (kind === 'embeddings') return body;
  const model = body['model'];
  const drop: Array<[param: string, reason: string, group: string]> = [];
  if (isXaiReasoningModel(model)) for (const param of XAI_REASONING_DROPPED_PARAMS) drop.push([param, 'reasoning models', 'reasoning']);
  if (isGrok4(model)) drop.push(['reasoning_effort', 'grok-4 models', 'grok-4']);
  let out = body;
  for (const [param, reason, group] of drop) {
    if (out[param] === undefined) continue;
    if (out === body) out = { ...body };
    delete out[param];
    warn(`${group}:${param}`, param, `Provider "xAI" does not support "${param}" with ${reason} (${String(model)}); it was removed from the request`);
  }
  return out;
}

const WRONG_KEY = /(incorrect|invalid|missing|no)(\s|%20)+api(\s|%20)+key/i;

/** xAI's 400 for a wrong API key as the AuthenticationError it is; any other error unchanged. */
export function xaiError(error: unknown): unknown {
  if (!ProviderHttpError.isInstance(error) || error.status !== 400 || !WRONG_KEY.test(error.message)) return error;
  const modelId = error.modelId === '' ? undefined : error.modelId;
  return new AuthenticationError({ providerId: error.providerId, modelId, status: 400, message: error.message, details: error.details, cause: error });
}

/** Runs a provider call, turning xAI's wrong-key 400 into an AuthenticationError. */
export async function withXaiErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw xaiError(error);
  }
}
