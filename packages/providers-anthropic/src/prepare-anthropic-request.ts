import type { ChatCompletionCreateParamsBase } from '@modelmesh/provider';
import { planJsonResponse } from './anthropic-json-response.js';
import type { AnthropicWarnings } from './anthropic-warnings.js';
import type { AnthropicMessagesRequest } from './anthropic-wire.js';
import { convertTools } from './convert-anthropic-tools.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

/** `max_tokens` for a model nobody told us the output limit of. */
export const FALLBACK_MAX_TOKENS = 4096;

/**
 * OpenAI parameters the Messages API has no equivalent for. They are left out of the request,
 * with one warning per parameter and provider instance.
 */
export const UNSUPPORTED_OPENAI_PARAMS: readonly string[] = [
  'frequency_penalty',
  'presence_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'n',
  'seed',
  'service_tier',
  'store',
  'metadata',
  'modalities',
  'audio',
  'prediction',
  'reasoning_effort',
  'verbosity',
  'web_search_options',
  'prompt_cache_key',
  'prompt_cache_retention',
  'functions',
  'function_call',
];

/** Parameters this conversion reads; anything else is neither OpenAI's nor Anthropic's and is dropped. */
const HANDLED_PARAMS = new Set([
  'model',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'user',
  'safety_identifier',
  'stream',
  'stream_options',
  ...UNSUPPORTED_OPENAI_PARAMS,
]);

/** Values that ask for nothing, so dropping them changes nothing and is not worth a warning. */
const isDefault = (param: string, value: unknown): boolean => (param === 'n' && value === 1) || (param === 'logprobs' && value === false) || (param === 'store' && value === false);

/** What a converted request needs besides its body. */
export interface PreparedAnthropicRequest {
  body: AnthropicMessagesRequest;
  /** The JSON response tool (see `planJsonResponse`), whose input is the answer's content. */
  responseTool: string | undefined;
}

/** What the conversion needs to know about the instance. */
export interface PrepareContext {
  warnings: AnthropicWarnings;
  /** `max_tokens` when the request has none: the model's output limit, or the configured default. */
  defaultMaxTokens: number;
  /** Whether the API version still takes `temperature`, `top_p` and `top_k` (2023-06-01 does; 2026-10-21 rejects them). */
  samplingParams: boolean;
}

function stopSequences(stop: ChatCompletionCreateParamsBase['stop'], warnings: AnthropicWarnings): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const all = typeof stop === 'string' ? [stop] : stop;
  const kept = all.filter((s) => /\S/.test(s));
  if (kept.length < all.length) warnings.warn('adjusted-param', 'stop', 'Anthropic rejects stop sequences that are only whitespace; they were left out');
  return kept.length === 0 ? undefined : kept;
}

function sampling(params: ChatCompletionCreateParamsBase & Record<string, unknown>, context: PrepareContext): Pick<AnthropicMessagesRequest, 'temperature' | 'top_p' | 'top_k'> {
  const { warnings } = context;
  const out: Pick<AnthropicMessagesRequest, 'temperature' | 'top_p' | 'top_k'> = {};
  const { temperature, top_p: topP } = params;
  if (!context.samplingParams) {
    for (const param of ['temperature', 'top_p', 'top_k']) {
      if (typeof params[param] === 'number') warnings.warn('unsupported-param', param, `the configured Anthropic API version has no "${param}" (removed in 2026-10-21); it was left out of the request`);
    }
    return out;
  }
  if (typeof temperature === 'number') {
    if (temperature > 1) warnings.warn('adjusted-param', 'temperature', `Anthropic takes temperature from 0 to 1; ${temperature} was sent as 1`);
    out.temperature = Math.min(temperature, 1);
  }
  if (typeof topP === 'number') {
    // Claude models since Sonnet 4.5 refuse both at once; temperature is the one callers usually mean.
    if (out.temperature !== undefined) warnings.warn('adjusted-param', 'top_p', 'Anthropic accepts temperature or top_p, not both; top_p was left out');
    else out.top_p = topP;
  }
  if (typeof params['top_k'] === 'number') out.top_k = params['top_k'];
  return out;
}

/**
 * Builds the body of `POST /v1/messages` from OpenAI-shaped params (see
 * `convertToAnthropicMessages`, `convertTools` and `planJsonResponse` for the parts):
 * `max_completion_tokens` (else `max_tokens`, else the model's limit) → `max_tokens`; `stop` →
 * `stop_sequences`; `temperature` (capped at 1) and `top_p` (left out beside `temperature`) and
 * Anthropic's own `top_k`, all three left out for API versions that removed them;
 * `user` (or `safety_identifier`) → `metadata.user_id`.
 * {@link UNSUPPORTED_OPENAI_PARAMS} and unknown parameters are left out with a warning.
 */
export function prepareAnthropicRequest(params: ChatCompletionCreateParamsBase, context: PrepareContext, stream: boolean): PreparedAnthropicRequest {
  const all = params as ChatCompletionCreateParamsBase & Record<string, unknown>;
  const { warnings } = context;
  for (const [param, value] of Object.entries(all)) {
    if (value === undefined || value === null || isDefault(param, value)) continue;
    if (UNSUPPORTED_OPENAI_PARAMS.includes(param)) warnings.warn('unsupported-param', param, `Anthropic does not support "${param}"; it was left out of the request`);
    else if (!HANDLED_PARAMS.has(param)) warnings.warn('unsupported-param', param, `"${param}" is not a Messages API parameter; it was left out of the request`);
  }
  const prompt = convertToAnthropicMessages(params.messages);
  const json = planJsonResponse(params.response_format, convertTools(params.tools, params.tool_choice, params.parallel_tool_calls), params.tool_choice);
  const stop = stopSequences(params.stop, warnings);
  // `safety_identifier: null` (openai 7.x allows it) means none.
  const user = params.user ?? params.safety_identifier ?? undefined;
  const body: AnthropicMessagesRequest = {
    model: params.model,
    max_tokens: params.max_completion_tokens ?? params.max_tokens ?? context.defaultMaxTokens,
    messages: prompt.messages,
    ...(prompt.system === undefined ? {} : { system: prompt.system }),
    ...(stop === undefined ? {} : { stop_sequences: stop }),
    ...sampling(all, context),
    ...(json.tools.length === 0 ? {} : { tools: json.tools }),
    ...(json.choice === undefined ? {} : { tool_choice: json.choice }),
    ...(user === undefined || user === '' ? {} : { metadata: { user_id: user } }),
    ...(stream ? { stream: true } : {}),
  };
  return { body, responseTool: json.responseTool };
}
