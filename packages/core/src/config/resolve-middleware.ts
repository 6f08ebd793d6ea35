import { formatConfigPath, type ConfigPath } from './config-path.js';
import type { MiddlewareConfig } from './mesh-config.js';
import { parseEntry } from './parse-entry.js';
import type { ResolveContext } from './resolve-context.js';
import { middlewareSchema, type ObservabilityEntry } from './service-schemas.js';

/** The middleware a config may name by a short name, and their packages. */
export const BUILT_IN_MIDDLEWARE: Readonly<Record<'logging' | 'cache' | 'otel', string>> = {
  logging: '@modelmesh/middleware-logging',
  cache: '@modelmesh/middleware-cache',
  otel: '@modelmesh/middleware-otel',
};

/** Original ModelMesh observability connectors and the middleware that does their job. */
const CONNECTORS: ReadonlyMap<string, keyof typeof BUILT_IN_MIDDLEWARE> = new Map([
  ['modelmesh.console.v1', 'logging'],
  ['modelmesh.logging.v1', 'logging'],
  ['console', 'logging'],
  ['logging', 'logging'],
  ['modelmesh.otel.v1', 'otel'],
  ['modelmesh.opentelemetry.v1', 'otel'],
  ['opentelemetry', 'otel'],
  ['otel', 'otel'],
]);

const packageOf = (name: string): string => (Object.hasOwn(BUILT_IN_MIDDLEWARE, name) ? BUILT_IN_MIDDLEWARE[name as keyof typeof BUILT_IN_MIDDLEWARE] : name);

/**
 * The middleware list: the `middleware` section in order, then what `observability` asks for
 * when the list does not already hold it: its `connector` (logging or OpenTelemetry, with
 * `config` as options), and logging when `log_level` is set to anything but `silent`.
 */
export function resolveMiddleware(raw: unknown, observability: ObservabilityEntry, context: ResolveContext): MiddlewareConfig[] {
  const path: ConfigPath = ['middleware'];
  const entries = raw === undefined || raw === null ? [] : (parseEntry(middlewareSchema, raw, path, context) ?? []);
  const list: MiddlewareConfig[] = [];
  const seen = new Map<string, string>();
  entries.forEach((entry, index) => {
    const name = typeof entry === 'string' ? entry : entry.name;
    const at = formatConfigPath([...path, index]);
    const packageName = packageOf(name);
    const earlier = seen.get(packageName);
    if (earlier !== undefined) {
      context.issues.error([...path, index], `middleware "${name}" is already listed at ${earlier}`);
      return;
    }
    seen.set(packageName, at);
    list.push({ name, packageName, options: typeof entry === 'string' ? {} : { ...entry.options }, path: at, optionsPath: `${at}.options` });
  });
  addObservability(list, seen, observability, context);
  return list;
}

function addObservability(list: MiddlewareConfig[], seen: ReadonlyMap<string, string>, observability: ObservabilityEntry, context: ResolveContext): void {
  const { connector } = observability;
  let connected: string | undefined;
  if (connector !== undefined) {
    const builtIn = CONNECTORS.get(connector);
    if (builtIn === undefined) {
      context.issues.warn(['observability', 'connector'], `connector: ${connector} is not a known observability connector (${[...CONNECTORS.keys()].join(', ')}) and has no effect; list middleware under middleware:`);
    } else {
      connected = builtIn;
      if (!seen.has(BUILT_IN_MIDDLEWARE[builtIn])) {
        list.push({ name: builtIn, packageName: BUILT_IN_MIDDLEWARE[builtIn], options: { ...observability.config }, path: 'observability.connector', optionsPath: 'observability.config' });
      }
    }
  } else if (observability.config !== undefined) {
    context.issues.warn(['observability', 'config'], 'config has no effect without observability.connector');
  }
  const level = observability.log_level;
  if (level !== undefined && level !== 'silent' && connected !== 'logging' && !seen.has(BUILT_IN_MIDDLEWARE.logging)) {
    list.push({ name: 'logging', packageName: BUILT_IN_MIDDLEWARE.logging, options: {}, path: 'observability.log_level', optionsPath: 'observability' });
  }
}
