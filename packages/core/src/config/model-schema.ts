import * as z from 'zod/mini';
import { deprecatedAlias, described, ignoredKey, meta, name, nameList, nonNegative, positiveInt, quotaLimitsSchema, unsupportedKey } from './schema-primitives.js';

const featuresSchema = z.strictObject({
  tools: z.optional(z.boolean()),
  vision: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
  streaming: z.optional(z.boolean()),
  reasoning: described(z.boolean(), 'A reasoning model (long silent thinking): longer default first-token and header limits.'),
  prefill: described(z.boolean(), 'Assistant prefill: the model continues a trailing assistant message (overrides the provider plugin; unset means unknown until tried).'),
  parallel_tool_calls: unsupportedKey('the router does not choose models by parallel tool calls; a request\'s parallel_tool_calls goes to the provider as written'),
  tool_calling: deprecatedAlias(z.boolean(), 'tools'),
  structured_output: deprecatedAlias(z.boolean(), 'json'),
  json_mode: deprecatedAlias(z.boolean(), 'json'),
  system_prompt: ignoredKey(),
  grounding: ignoredKey(),
  logprobs: ignoredKey(),
  fine_tunable: ignoredKey(),
});

const constraintsSchema = z.strictObject({
  context_window: deprecatedAlias(positiveInt(), 'context_window on the model'),
  max_output_tokens: deprecatedAlias(positiveInt(), 'max_output_tokens on the model'),
  max_images: ignoredKey(),
  max_file_size: ignoredKey(),
  supported_languages: ignoredKey(),
});

const pricingSchema = z.strictObject({
  input: described(nonNegative(), 'USD per 1M input tokens.'),
  cached_input: described(nonNegative(), 'USD per 1M cached input tokens.'),
  output: described(nonNegative(), 'USD per 1M output tokens.'),
  per_request: described(nonNegative(), 'USD per request.'),
});

/** `models.<key>`. */
export const modelSchema = z.strictObject({
  provider: meta(name(), { description: 'Provider id from providers (or its connector id).' }),
  model: described(name(), 'Model id at the vendor; defaults to the key without its provider prefix.'),
  capabilities: described(nameList(), 'Capability names or paths, e.g. chat-completion.'),
  context_window: z.optional(positiveInt()),
  max_output_tokens: z.optional(positiveInt()),
  features: z.optional(featuresSchema),
  pricing: z.optional(pricingSchema),
  limits: z.optional(quotaLimitsSchema),
  priority: described(z.number(), 'Lower is preferred by the priority strategy.'),
  weight: described(z.number().check(z.gt(0)), 'Relative traffic share for the weighted strategy.'),
  constraints: deprecatedAlias(constraintsSchema, 'context_window / max_output_tokens on the model'),
  delivery: ignoredKey(),
  batch: ignoredKey(),
});

/** A parsed model entry. */
export type ModelEntry = z.output<typeof modelSchema>;
