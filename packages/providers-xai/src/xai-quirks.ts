import { AuthenticationError, ProviderHttpError } from '@modelmesh/provider';
import type { ErrorReclassifier, ParamDropRule } from '@modelmesh/providers-openai-compatible/internal';

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

/**
 * What xAI rejects per model (see the notes above), removed with one warning per parameter
 * and kind of model: sampling penalties and `stop` for reasoning models, `reasoning_effort`
 * for the grok-4 family. Everything else goes through untouched.
 */
export const XAI_PARAM_DROP_RULES: readonly ParamDropRule[] = [
  { params: XAI_REASONING_DROPPED_PARAMS, models: isXaiReasoningModel, label: 'reasoning models' },
  { params: ['reasoning_effort'], models: isGrok4, label: 'grok-4 models' },
];

const WRONG_KEY = /(incorrect|invalid|missing|no)(\s|%20)+api(\s|%20)+key/i;

/** xAI's 400 for a wrong API key as the AuthenticationError it is; any other error unchanged. The package's `reclassifyError`. */
export const xaiError: ErrorReclassifier = (error) => {
  if (!ProviderHttpError.isInstance(error) || error.status !== 400 || !WRONG_KEY.test(error.message)) return error;
  const modelId = error.modelId === '' ? undefined : error.modelId;
  return new AuthenticationError({ providerId: error.providerId, modelId, status: 400, message: error.message, details: error.details, cause: error });
};
