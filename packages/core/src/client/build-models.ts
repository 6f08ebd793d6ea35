import { ConfigurationError, type ConfigIssue, type ModelSpec, type Provider, type ProviderPlugin, type QuotaLimits } from '@modelmesh/provider';
import type { MeshConfig, ModelConfig } from '../config/mesh-config.js';
import type { MeshModel } from '../router/mesh-model.js';
import type { CapabilityLookup } from '../router/pool-registry.js';

/** A provider instance handed to the mesh in code, with the models it serves. */
export interface ProviderWithModels {
  readonly provider: Provider;
  /** Models it serves; defaults to none (then config `models` must name them). */
  readonly models?: readonly ModelSpec[];
}

/** A provider the mesh runs, with where its default models come from. */
export interface MeshProvider {
  readonly provider: Provider;
  readonly plugin?: ProviderPlugin;
  readonly defaultModels: readonly ModelSpec[];
}

/** Finds the plugin that handles a connector id or alias. */
export function findPlugin(plugins: readonly ProviderPlugin[], connector: string): ProviderPlugin | undefined {
  return plugins.find((p) => p.connector === connector || p.defaultId === connector || (p.aliases ?? []).includes(connector));
}

/**
 * Builds the mesh's models: those config names (completed from the plugin's defaults for
 * the same model id), then the default models of providers that config gives no models.
 * Default models are keyed by their model id, or `provider/model` where two providers
 * serve the same id.
 */
export function buildModels(config: MeshConfig, providers: ReadonlyMap<string, MeshProvider>, capabilities: CapabilityLookup): Map<string, MeshModel> {
  const issues: ConfigIssue[] = [];
  const models = new Map<string, MeshModel>();
  const configured = new Set<string>();
  for (const model of Object.values(config.models)) {
    const mesh = providers.get(model.provider);
    if (!mesh) {
      issues.push({ path: `models.${model.id}.provider`, message: `provider "${model.provider}" is not enabled or has no instance` });
      continue;
    }
    configured.add(model.provider);
    const defaults = mesh.defaultModels.find((spec) => spec.id === model.model);
    const capabilityNames = model.capabilities.length > 0 ? model.capabilities : (defaults?.capabilities ?? []);
    const resolved = capabilityNames.filter((name) => capabilities.isKnown(name)).map((name) => capabilities.resolve(name));
    models.set(model.id, { ...fromConfig(model, resolved, defaults, mesh.provider), providerLimits: providerLimits(config, model.provider) });
  }
  const defaults = [...providers.values()].filter((mesh) => !configured.has(mesh.provider.id));
  for (const mesh of defaults) {
    const issue = noModelsIssue(config, mesh);
    if (issue) issues.push(issue);
  }
  const counts = new Map<string, number>();
  for (const mesh of defaults) for (const spec of mesh.defaultModels) counts.set(spec.id, (counts.get(spec.id) ?? 0) + 1);
  for (const mesh of defaults) {
    for (const spec of mesh.defaultModels) {
      const key = (counts.get(spec.id) ?? 0) > 1 || models.has(spec.id) ? `${mesh.provider.id}/${spec.id}` : spec.id;
      const resolved: string[] = [];
      for (const name of spec.capabilities) {
        if (capabilities.isKnown(name)) resolved.push(capabilities.resolve(name));
        else issues.push({ path: `providers.${mesh.provider.id}`, message: `model "${spec.id}" declares unknown capability "${name}"` });
      }
      models.set(key, { ...fromSpec(key, spec, resolved, mesh.provider), providerLimits: providerLimits(config, mesh.provider.id) });
    }
  }
  if (issues.length > 0) throw new ConfigurationError({ issues });
  return models;
}

/**
 * A configured provider that would serve nothing: its plugin knows no models (an
 * OpenAI-compatible base URL alone) and config names none. Refused at once with what to
 * add, rather than building a pool that fails every request.
 */
function noModelsIssue(config: MeshConfig, mesh: MeshProvider): ConfigIssue | undefined {
  const id = mesh.provider.id;
  if (mesh.defaultModels.length > 0 || !Object.hasOwn(config.providers, id)) return undefined;
  const where = config.providers[id]?.baseUrl;
  return {
    path: `providers.${id}`,
    message:
      `no models known for provider "${id}" (${mesh.plugin?.connector ?? mesh.provider.connector}${where ? ` at ${where}` : ''}): its package has no default models, so name the ones it serves under models, ` +
      `e.g. models: { my-model: { provider: ${id}, model: <model id at the server>, capabilities: [chat-completion] } }`,
  };
}

/** Own entries only: a provider id such as `constructor` must not find `Object.prototype.constructor`. */
function providerLimits(config: MeshConfig, id: string): QuotaLimits | undefined {
  return Object.hasOwn(config.providers, id) ? config.providers[id]?.limits : undefined;
}

function fromSpec(key: string, spec: ModelSpec, capabilities: readonly string[], provider: Provider): MeshModel {
  return {
    key,
    modelId: spec.id,
    providerId: provider.id,
    connector: provider.connector,
    capabilities,
    contextWindow: spec.contextWindow,
    maxOutputTokens: spec.maxOutputTokens,
    features: { ...spec.features },
    pricing: spec.pricing,
    limits: spec.limits,
    provider,
  };
}

function fromConfig(model: ModelConfig, capabilities: readonly string[], defaults: ModelSpec | undefined, provider: Provider): MeshModel {
  return {
    key: model.id,
    modelId: model.model,
    providerId: provider.id,
    connector: provider.connector,
    capabilities,
    contextWindow: model.contextWindow ?? defaults?.contextWindow,
    maxOutputTokens: model.maxOutputTokens ?? defaults?.maxOutputTokens,
    features: { ...defaults?.features, ...model.features },
    pricing: model.pricing ?? defaults?.pricing,
    limits: model.limits ?? defaults?.limits,
    priority: model.priority,
    weight: model.weight,
    provider,
  };
}
