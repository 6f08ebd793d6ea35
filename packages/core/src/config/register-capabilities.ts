import { CapabilityError } from '@modelmesh/capabilities';
import { parseEntry } from './parse-entry.js';
import type { ResolveContext } from './resolve-context.js';
import { capabilitiesSchema } from './service-schemas.js';

/**
 * Registers the document's custom capability paths (before models and pools
 * are resolved, so they can use them) and returns the registered paths.
 */
export function registerCapabilities(raw: unknown, context: ResolveContext): string[] {
  if (raw === undefined || raw === null) return [];
  const paths = parseEntry(capabilitiesSchema, raw, ['capabilities'], context) ?? [];
  return paths.flatMap((path, i) => {
    try {
      return [context.registry.register(path)];
    } catch (error) {
      if (!CapabilityError.isInstance(error)) throw error;
      context.issues.error(['capabilities', i], error.message);
      return [];
    }
  });
}
