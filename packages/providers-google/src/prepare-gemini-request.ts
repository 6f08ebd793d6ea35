import type { ChatCompletionCreateParamsBase } from '@modelmesh/provider';
import { toGeminiSchema } from './convert-json-schema.js';
import { toGeminiConversation } from './convert-to-gemini-contents.js';
import { toGeminiTools } from './convert-tools.js';
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from './gemini-types.js';
import type { GoogleSettings, GoogleWarning } from './google-settings.js';

/** Thinking budgets for `reasoning_effort`, as Google's OpenAI-compatible endpoint maps them. */
const THINKING_BUDGET: Readonly<Record<string, number>> = { none: 0, minimal: 1024, low: 1024, medium: 8192, high: 24_576, xhigh: 32_768 };

/**
 * OpenAI parameters Gemini has no counterpart for, and when they matter: each is left out of
 * the request with one warning per provider instance. Bookkeeping parameters (`user`,
 * `metadata`, `store`, `service_tier`, `safety_identifier`, `prompt_cache_key`, `verbosity`,
 * `stream_options`) are left out silently: they change nothing about the answer.
 */
const UNSUPPORTED: ReadonlyArray<[keyof ChatCompletionCreateParamsBase, (value: unknown) => boolean]> = [
  ['logit_bias', (v) => typeof v === 'object' && v !== null && Object.keys(v).length > 0],
  ['logprobs', (v) => v === true],
  ['top_logprobs', (v) => typeof v === 'number'],
  ['audio', (v) => v !== null && v !== undefined],
  ['modalities', (v) => Array.isArray(v) && v.some((m) => m !== 'text')],
  ['prediction', (v) => v !== null && v !== undefined],
  ['web_search_options', (v) => v !== null && v !== undefined],
  ['functions', (v) => Array.isArray(v) && v.length > 0],
  ['function_call', (v) => v !== null && v !== undefined],
  ['parallel_tool_calls', (v) => v === false],
];

/** Reports each unsupported parameter once per provider instance (to `onWarning`). */
export class WarningLog {
  private readonly seen = new Set<string>();

  constructor(
    private readonly providerId: string,
    private readonly sink: (warning: GoogleWarning) => void,
  ) {}

  unsupported(param: string): void {
    if (this.seen.has(param)) return;
    this.seen.add(param);
    this.sink({ type: 'unsupported-param', providerId: this.providerId, param, message: `Provider "${this.providerId}" (Gemini) has no equivalent of "${param}"; it was left out of the request` });
  }
}

function generationConfig(params: ChatCompletionCreateParamsBase, defaults: Readonly<GeminiGenerationConfig> | undefined): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = { ...defaults };
  if (params.temperature !== undefined && params.temperature !== null) config.temperature = params.temperature;
  if (params.top_p !== undefined && params.top_p !== null) config.topP = params.top_p;
  if (params.n !== undefined && params.n !== null) config.candidateCount = params.n;
  const maxTokens = params.max_completion_tokens ?? params.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) config.maxOutputTokens = maxTokens;
  if (params.stop !== undefined && params.stop !== null) config.stopSequences = typeof params.stop === 'string' ? [params.stop] : [...params.stop];
  if (params.seed !== undefined && params.seed !== null) config.seed = params.seed;
  if (params.presence_penalty !== undefined && params.presence_penalty !== null) config.presencePenalty = params.presence_penalty;
  if (params.frequency_penalty !== undefined && params.frequency_penalty !== null) config.frequencyPenalty = params.frequency_penalty;
  const format = params.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    if (format.json_schema.schema !== undefined) config.responseSchema = toGeminiSchema(format.json_schema.schema);
  }
  const effort = params.reasoning_effort;
  if (effort !== undefined && effort !== null) config.thinkingConfig = { ...config.thinkingConfig, thinkingBudget: THINKING_BUDGET[effort] ?? THINKING_BUDGET['medium'] };
  return config;
}

/**
 * The `generateContent` body for an OpenAI-shaped request: contents and `systemInstruction`
 * (see `toGeminiConversation`), tools and `toolConfig` (see `toGeminiTools`), `safetySettings`
 * from the settings, and `generationConfig`: `temperature`, `top_p` → `topP`, `n` →
 * `candidateCount`, `max_completion_tokens` (else `max_tokens`) → `maxOutputTokens`, `stop` →
 * `stopSequences`, `seed`, `presence_penalty` / `frequency_penalty`, `response_format` →
 * `responseMimeType: 'application/json'` (+ `responseSchema` for `json_schema`), and
 * `reasoning_effort` → `thinkingConfig.thinkingBudget` (left out when there is nothing to set).
 */
export function prepareGeminiRequest(
  params: ChatCompletionCreateParamsBase,
  settings: Pick<GoogleSettings, 'safetySettings' | 'generationConfig'>,
  warnings?: WarningLog,
): GeminiGenerateContentRequest {
  for (const [param, matters] of UNSUPPORTED) if (matters(params[param])) warnings?.unsupported(param);
  const { contents, systemInstruction } = toGeminiConversation(params.messages);
  const { tools, toolConfig } = toGeminiTools(params.tools, params.tool_choice);
  const body: GeminiGenerateContentRequest = { contents };
  if (systemInstruction !== undefined) body.systemInstruction = systemInstruction;
  if (tools !== undefined) body.tools = tools;
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  if (settings.safetySettings !== undefined && settings.safetySettings.length > 0) body.safetySettings = settings.safetySettings.map((s) => ({ ...s }));
  const config = generationConfig(params, settings.generationConfig);
  if (Object.keys(config).length > 0) body.generationConfig = config;
  return body;
}
