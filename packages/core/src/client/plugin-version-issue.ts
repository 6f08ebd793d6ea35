import { PROVIDER_SPECIFICATION_VERSION, type ConfigIssue, type ProviderPlugin } from '@modelmesh/provider';

/**
 * The issue for a provider plugin written against a contract version this core does not
 * implement, so a mismatched package fails at start-up with its name instead of at the
 * first request; undefined when the versions match.
 */
export function pluginVersionIssue(plugin: ProviderPlugin, path: string): ConfigIssue | undefined {
  const version: unknown = plugin.specificationVersion;
  if (version === PROVIDER_SPECIFICATION_VERSION) return undefined;
  return {
    path,
    message: `the provider package for "${plugin.connector}" implements provider contract ${JSON.stringify(version ?? 'none')}; this @modelmesh/core implements "${PROVIDER_SPECIFICATION_VERSION}": install matching versions`,
  };
}
