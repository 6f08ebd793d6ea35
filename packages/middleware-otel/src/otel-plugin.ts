import { ConfigurationError, type MiddlewarePlugin } from '@modelmesh/core';
import { otelMiddleware } from './otel-middleware.js';

/**
 * The `otel` entry of a config's `middleware` list (or `observability.connector: otel`). It
 * takes no options: spans and metrics go to the globally registered OpenTelemetry SDK
 * (set one up in the process, e.g. with `@opentelemetry/sdk-node`, before the first request).
 */
export const middlewarePlugin: MiddlewarePlugin = {
  packageName: '@modelmesh/middleware-otel',
  create(options, context) {
    const unknown = Object.keys(options);
    if (unknown.length > 0) {
      throw new ConfigurationError({
        issues: unknown.map((key) => ({ path: `${context.path}.${key}`, message: `unknown option "${key}"; the otel middleware takes no options (configure the OpenTelemetry SDK instead)` })),
      });
    }
    return otelMiddleware({ clock: context.clock });
  },
};
