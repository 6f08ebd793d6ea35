/**
 * `@modelmesh/proxy`: an OpenAI-compatible HTTP server over a ModelMesh, so any language's
 * OpenAI client gets routing, failover and budgets.
 * @module
 */
export { startProxy, type StartProxyOptions, type RunningProxy, type DrainResult } from './server/start-proxy.js';
export { createProxyHandler, type ProxyHandler, type ProxyHandlerOptions } from './server/proxy-handler.js';
export { installSignalHandlers, type SignalHandlerOptions } from './server/signal-handlers.js';
export { authModeOf, startupMessages, type AuthMode, type ProxyMessage } from './server/startup-messages.js';
export { resolveProxySettings, PROXY_DEFAULTS, type ProxySettings, type ProxySettingsInput, type ProxyLimitSettings } from './proxy-settings.js';
export { toHttpFailure } from './http/error-mapping.js';
export type { HttpFailure, OpenAIErrorObject } from './http/openai-error.js';
export { hashProxyKey } from './auth/key-table.js';
export { isLoopback } from './auth/loopback.js';
export { formatCost, type RequestTrace } from './request-trace.js';
export type { StreamSummary } from './routes/chat-stream.js';
export { configFileSource, type ReloadSource, type LoadedMesh, type ConfigFileSourceOptions } from './reload/reload-source.js';
export type { ReloadResult } from './reload/config-reloader.js';
export { installReloadSignal, type Reloadable } from './reload/reload-signal.js';
export type { StatusSnapshot, PoolView, MemberStatus, ModelView } from './status/status-snapshot.js';
export type { StatusEvent, StatusEventKind } from './status/status-recorder.js';
export type { ModelFigures } from './status/model-window.js';
