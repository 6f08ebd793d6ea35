import { UnknownCapabilityError } from '@modelmesh/capabilities';
import type { ConfigPath } from './config-path.js';
import type { ResolveContext } from './resolve-context.js';

function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

/**
 * The canonical path of a capability name, or undefined after reporting an
 * unknown name (with the registry's suggestions) at `path`. Deprecated
 * synonyms of the original taxonomy resolve with a warning.
 */
export function resolveCapability(
  name: string,
  path: ConfigPath,
  context: ResolveContext,
  describe: (name: string) => string = (unknown) => `unknown capability "${unknown}"`,
): string | undefined {
  try {
    const canonical = context.registry.resolve(name);
    if (context.registry.isDeprecated?.(name) === true) {
      context.issues.warn(path, `deprecated capability name "${name}"; use "${canonical}"`, 'value');
    }
    return canonical;
  } catch (error) {
    if (!UnknownCapabilityError.isInstance(error)) throw error;
    const hint = error.suggestions.length > 0 ? `; did you mean ${quoteList(error.suggestions)}?` : '';
    context.issues.error(path, `${describe(name)}${hint}`);
    return undefined;
  }
}
