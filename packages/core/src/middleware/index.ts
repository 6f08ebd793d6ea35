export { Middleware, type MeshMiddleware, type MiddlewareContext } from './middleware.js';
export type { AttemptOutcome, RequestAnswer, RequestCall, RequestContext, RequestOperation } from './request-call.js';
export type { AnsweringModel, AttemptReport, RequestReport } from './request-report.js';
export { BUILT_IN_MIDDLEWARE, type MiddlewarePlugin, type MiddlewarePluginContext } from './middleware-plugin.js';
export type { CachedAnswer, CacheStore } from './cache-store.js';
