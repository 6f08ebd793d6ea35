/**
 * `@modelmesh/middleware-otel`: OpenTelemetry spans and metrics for a mesh, on the GenAI
 * semantic conventions. Depends only on `@opentelemetry/api`.
 * @module
 */
export { otelMiddleware, type OtelOptions } from './otel-middleware.js';
export { middlewarePlugin } from './otel-plugin.js';
export { ATTR as GEN_AI_ATTRIBUTES, MESH as MODELMESH_ATTRIBUTES, providerName } from './genai-attributes.js';
