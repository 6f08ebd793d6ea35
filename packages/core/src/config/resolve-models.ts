import type { ConfigPath } from './config-path.js';
import { definedFields } from './defined-fields.js';
import type { ModelFeatures, ModelPricing } from '@modelmesh/provider';
import type { ModelConfig } from './mesh-config.js';
import { type ModelEntry, modelSchema } from './model-schema.js';
import { parseEntryPartially } from './parse-entry.js';
import { resolveCapability } from './resolve-capability.js';
import type { ResolveContext } from './resolve-context.js';
import type { ProviderIndex } from './resolve-providers.js';

/**
 * The vendor model id for a key: `openai.gpt-4o` served by provider `openai`
 * (or `openai.llm.v1`) is `gpt-4o`. The prefix is only stripped when it names
 * the provider or its vendor, so `gpt-4.1` stays whole.
 */
export function defaultModelId(key: string, providerId: string, connector: string | undefined): string {
  const dot = key.indexOf('.');
  if (dot <= 0) return key;
  const prefix = key.slice(0, dot);
  const vendors = [providerId, connector ?? providerId].flatMap((name) => [name, name.split('.')[0]]);
  return vendors.includes(prefix) ? key.slice(dot + 1) : key;
}

/** Prefers the new key; an original spelling is used (with a warning) when the new one is absent. */
function pick<T>(value: T | undefined, legacy: T | undefined, legacyPath: ConfigPath, replacement: string, context: ResolveContext): T | undefined {
  if (legacy === undefined) return value;
  context.issues.deprecated(legacyPath, replacement);
  return value ?? legacy;
}

function features(entry: ModelEntry, path: ConfigPath, context: ResolveContext): ModelFeatures | undefined {
  const f = entry.features;
  if (f === undefined) return undefined;
  const at = [...path, 'features'];
  const json = pick(pick(f.json, f.json_mode, [...at, 'json_mode'], 'json', context), f.structured_output, [...at, 'structured_output'], 'json', context);
  return definedFields<ModelFeatures>({
    tools: pick(f.tools, f.tool_calling, [...at, 'tool_calling'], 'tools', context),
    vision: f.vision,
    json,
    streaming: f.streaming,
    reasoning: f.reasoning,
    prefill: f.prefill,
  });
}

function pricing(entry: ModelEntry): ModelPricing | undefined {
  const p = entry.pricing;
  if (p === undefined) return undefined;
  return definedFields<ModelPricing>({ input: p.input, cachedInput: p.cached_input, output: p.output, perRequest: p.per_request });
}

function toModel(key: string, provider: string, entry: ModelEntry, capabilities: string[], context: ResolveContext, index: ProviderIndex): ModelConfig {
  const path = ['models', key];
  const constraints = entry.constraints ?? {};
  const at = [...path, 'constraints'];
  return definedFields<ModelConfig>({
    id: key,
    provider,
    model: entry.model ?? defaultModelId(key, provider, index.connectorOf(provider)),
    capabilities,
    contextWindow: pick(entry.context_window, constraints.context_window, [...at, 'context_window'], 'context_window', context),
    maxOutputTokens: pick(entry.max_output_tokens, constraints.max_output_tokens, [...at, 'max_output_tokens'], 'max_output_tokens', context),
    features: features(entry, path, context),
    pricing: pricing(entry),
    limits: entry.limits === undefined ? undefined : { ...entry.limits },
    priority: entry.priority,
    weight: entry.weight,
  });
}

/** Validates `models`: provider references, capability names and the vendor model id. */
export function resolveModels(entries: readonly [string, unknown][], index: ProviderIndex, context: ResolveContext): Record<string, ModelConfig> {
  const models: Record<string, ModelConfig> = {};
  for (const [key, raw] of entries) {
    const path = ['models', key];
    // Invalid entries still get their references checked, so one run reports every kind of problem.
    const entry = parseEntryPartially(modelSchema, raw ?? {}, path, context)?.entry;
    if (entry === undefined) continue;
    const provider = entry.provider === undefined ? undefined : index.resolve(entry.provider, [...path, 'provider']);
    const capabilities = (entry.capabilities ?? []).flatMap((name, i) => resolveCapability(name, [...path, 'capabilities', i], context) ?? []);
    if (provider !== undefined && entry.provider !== undefined) {
      models[key] = toModel(key, provider, { ...entry, provider: entry.provider }, [...new Set(capabilities)], context, index);
    }
  }
  return models;
}
