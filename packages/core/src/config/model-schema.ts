import * as z from 'zod/mini';
import { deprecatedAlias, ignoredKey, name, nameList, nonNegative, positiveInt, quotaLimitsSchema, unsupportedKey } from './schema-primitives.js';

// What each key means, for editors: schema-descriptions.ts (kept out of the runtime bundle).

/** `models.<key>.features`. */
export const featuresSchema = z.strictObject({
  tools: z.optional(z.boolean()),
  vision: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
  streaming: z.optional(z.boolean()),
  reasoning: z.optional(z.boolean()),
  prefill: z.optional(z.boolean()),
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

/** `models.<key>.pricing` (USD). */
export const pricingSchema = z.strictObject({
  input: z.optional(nonNegative()),
  cached_input: z.optional(nonNegative()),
  output: z.optional(nonNegative()),
  per_request: z.optional(nonNegative()),
});

/** `models.<key>`. */
export const modelSchema = z.strictObject({
  provider: name(),
  model: z.optional(name()),
  capabilities: z.optional(nameList()),
  context_window: z.optional(positiveInt()),
  max_output_tokens: z.optional(positiveInt()),
  features: z.optional(featuresSchema),
  pricing: z.optional(pricingSchema),
  limits: z.optional(quotaLimitsSchema),
  priority: z.optional(z.number()),
  weight: z.optional(z.number().check(z.gt(0))),
  constraints: deprecatedAlias(constraintsSchema, 'context_window / max_output_tokens on the model'),
  delivery: ignoredKey(),
  batch: ignoredKey(),
});

/** A parsed model entry. */
export type ModelEntry = z.output<typeof modelSchema>;
