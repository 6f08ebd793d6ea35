import type { RequestKind } from './openai-compatible-settings.js';
import type { WarnOnce } from './warn-once.js';

/** What a {@link ParamDropRule}'s warning may say. */
export interface ParamDropContext {
  /** The provider's display name (`name`, else the instance id). */
  readonly provider: string;
  /** The parameter removed. */
  readonly param: string;
  /** The request's `model`, when it is a string. */
  readonly model: string | undefined;
  /** The value that was removed. */
  readonly value: unknown;
}

/**
 * Parameters a vendor rejects only for some models, or only with some values. Unlike
 * `dropParams`, which removes a parameter from every request, a rule removes its
 * parameters from the requests it matches; each removal is reported once per rule and
 * parameter for the life of the provider instance.
 *
 * @example
 * ```ts
 * // xAI's reasoning models reject sampling penalties and `stop`:
 * const rule: ParamDropRule = { params: ['presence_penalty', 'frequency_penalty', 'stop'], models: isXaiReasoningModel, label: 'reasoning models' };
 * // Groq serves one choice per request:
 * const n: ParamDropRule = { params: ['n'], keep: (value) => value === null || value === 1 };
 * ```
 */
export interface ParamDropRule {
  /** The parameters this rule removes. */
  readonly params: readonly string[];
  /** The models it applies to, by id (a request without a string `model` never matches); default every request. */
  readonly models?: RegExp | ((model: string) => boolean);
  /** Values the vendor does accept: a parameter set to one of them stays. Default: any value that is set is removed. */
  readonly keep?: (value: unknown) => boolean;
  /** Kinds of request it applies to; default chat requests, streamed or not. */
  readonly kinds?: readonly RequestKind[];
  /**
   * How the default warning names the models, e.g. `reasoning models` for
   * `Provider "xAI" does not support "stop" with reasoning models (grok-4); …`. Without it the
   * warning names the model alone: `… does not support "logprobs" with deepseek-reasoner; …`.
   */
  readonly label?: string;
  /** The whole warning text, instead of the default one. */
  readonly message?: (context: ParamDropContext) => string;
}

const CHAT_KINDS: readonly RequestKind[] = ['chat', 'chat-stream'];

function matches(rule: ParamDropRule, kind: RequestKind, model: string | undefined): boolean {
  if (!(rule.kinds ?? CHAT_KINDS).includes(kind)) return false;
  if (rule.models === undefined) return true;
  if (model === undefined) return false;
  return rule.models instanceof RegExp ? rule.models.test(model) : rule.models(model);
}

function defaultMessage(rule: ParamDropRule, context: ParamDropContext): string {
  const target = context.model === undefined ? rule.label : rule.label === undefined ? context.model : `${rule.label} (${context.model})`;
  const condition = target === undefined ? '' : ` with ${target}`;
  return `Provider "${context.provider}" does not support "${context.param}"${condition}; it was removed from the request`;
}

/**
 * `body` without the parameters `rules` remove for this request, each removal reported
 * through `warn` (once per rule and parameter). Returns `body` itself when nothing is
 * removed, otherwise a copy.
 */
export function applyParamDropRules(
  body: Record<string, unknown>,
  kind: RequestKind,
  rules: readonly ParamDropRule[] | undefined,
  provider: string,
  warn: WarnOnce,
): Record<string, unknown> {
  if (rules === undefined || rules.length === 0) return body;
  const model = typeof body['model'] === 'string' ? body['model'] : undefined;
  let out = body;
  rules.forEach((rule, index) => {
    if (!matches(rule, kind, model)) return;
    for (const param of rule.params) {
      const value = out[param];
      if (value === undefined || rule.keep?.(value) === true) continue;
      if (out === body) out = { ...body };
      delete out[param];
      const context: ParamDropContext = { provider, param, model, value };
      warn(`rule:${index}:${param}`, param, rule.message?.(context) ?? defaultMessage(rule, context));
    }
  });
  return out;
}
