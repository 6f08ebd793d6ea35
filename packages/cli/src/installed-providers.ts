import type { ProviderPlugin } from '@modelmesh/core';
import { providerPlugin as anthropic } from '@modelmesh/providers-anthropic';
import { providerPlugin as google } from '@modelmesh/providers-google';
import { providerPlugin as openai } from '@modelmesh/providers-openai';
import { providerPlugin as openaiCompatible } from '@modelmesh/providers-openai-compatible';
import { installedPlugins } from 'modelmesh';

/**
 * The provider plugins the CLI can use: the ones it ships with, plus any provider package
 * installed beside the project it runs in (found the way `create()` finds them).
 */
export function availablePlugins(): ProviderPlugin[] {
  const plugins: ProviderPlugin[] = [openai, anthropic, google, openaiCompatible];
  for (const plugin of installedPlugins()) if (!plugins.some((p) => p.connector === plugin.connector)) plugins.push(plugin);
  return plugins;
}

/** The plugin that handles a connector id or alias, if any. */
export function findInstalledPlugin(connector: string): ProviderPlugin | undefined {
  return availablePlugins().find((p) => p.connector === connector || p.defaultId === connector || (p.aliases ?? []).includes(connector));
}
