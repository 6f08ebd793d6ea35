import * as z from 'zod';
import { deprecatedAlias, ignoredKey, name, nameList, nonNegative, positiveInt, quotaLimitsSchema, unsupportedKey } from './schema-primitives.js';

const featuresSchema = z.strictObject({
  tools: z.boolean().optional(),
  vision: z.boolean().optional(),
  json: z.boolean().optional(),
  streaming: z.boolean().optional(),
  reasoning: z.boolean().optional().meta({ description: 'A reasoning model (long silent thinking): longer default first-token and header limits.' }),
  prefill: z.boolean().optional().meta({ description: 'Assistant prefill: the model continues a trailing assistant message (overrides the provider plugin; unset means unknown until tried).' }),
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
  input: nonNegative().optional().meta({ description: 'USD per 1M input tokens.' }),
  cached_input: nonNegative().optional().meta({ description: 'USD per 1M cached input tokens.' }),
  output: nonNegative().optional().meta({ description: 'USD per 1M output tokens.' }),
  per_request: nonNegative().optional().meta({ description: 'USD per request.' }),
});

/** `models.<key>`. */
export const modelSchema = z.strictObject({
  provider: name().meta({ description: 'Provider id from providers (or its connector id).' }),
  model: name().optional().meta({ description: 'Model id at the vendor; defaults to the key without its provider prefix.' }),
  capabilities: nameList().optional().meta({ description: 'Capability names or paths, e.g. chat-completion.' }),
  context_window: positiveInt().optional(),
  max_output_tokens: positiveInt().optional(),
  features: featuresSchema.optional(),
  pricing: pricingSchema.optional(),
  limits: quotaLimitsSchema.optional(),
  priority: z.number().optional().meta({ description: 'Lower is preferred by the priority strategy.' }),
  weight: z.number().gt(0).optional().meta({ description: 'Relative traffic share for the weighted strategy.' }),
  constraints: deprecatedAlias(constraintsSchema, 'context_window / max_output_tokens on the model'),
  delivery: ignoredKey(),
  batch: ignoredKey(),
});

/** A parsed model entry. */
export type ModelEntry = z.output<typeof modelSchema>;
