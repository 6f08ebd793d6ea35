import { chatCompletions } from '../routes/chat-completions.js';
import { embeddings } from '../routes/embeddings.js';
import { listModels, listPools, retrieveModel } from '../routes/listings.js';
import { healthz, metrics, readyz } from '../routes/probes.js';
import type { ErrorDialect } from '../http/error-dialect.js';
import { countMessageTokens, messages } from '../messages/messages-route.js';
import { responses } from '../responses/responses-route.js';
import type { Exchange, ProxyContext } from './proxy-context.js';
import { adminMethod, serveAdmin } from '../admin/admin-routes.js';
import { statusEvents, statusJson, statusPage } from '../status/status-routes.js';

/** One endpoint. */
export interface Route {
  readonly method: 'GET' | 'POST';
  /** Label of the endpoint in metrics. */
  readonly endpoint: string;
  /** Needs a key (when keys are configured). Probes do not, so orchestrators can call them. */
  readonly auth: boolean;
  /** A model call: counts against `maxConcurrent` and is refused while draining. */
  readonly api: boolean;
  readonly handle: (ctx: ProxyContext, ex: Exchange, param: string) => Promise<void>;
  /** The error shape the route answers with; OpenAI's when absent. */
  readonly dialect?: ErrorDialect;
}

const ROUTES: Readonly<Record<string, Route>> = {
  '/v1/chat/completions': { method: 'POST', endpoint: 'chat.completions', auth: true, api: true, handle: chatCompletions },
  '/v1/responses': { method: 'POST', endpoint: 'responses', auth: true, api: true, handle: responses },
  '/v1/messages': { method: 'POST', endpoint: 'messages', auth: true, api: true, handle: messages, dialect: 'anthropic' },
  '/v1/messages/count_tokens': { method: 'POST', endpoint: 'messages.count_tokens', auth: true, api: false, handle: countMessageTokens, dialect: 'anthropic' },
  '/v1/embeddings': { method: 'POST', endpoint: 'embeddings', auth: true, api: true, handle: embeddings },
  '/v1/models': { method: 'GET', endpoint: 'models', auth: true, api: false, handle: listModels },
  '/v1/pools': { method: 'GET', endpoint: 'pools', auth: true, api: false, handle: listPools },
  '/metrics': { method: 'GET', endpoint: 'metrics', auth: true, api: false, handle: metrics },
  '/healthz': { method: 'GET', endpoint: 'healthz', auth: false, api: false, handle: healthz },
  '/readyz': { method: 'GET', endpoint: 'readyz', auth: false, api: false, handle: readyz },
  // The status page and the admin API check admin keys themselves (proxy.admin.keys), never client keys.
  '/status': { method: 'GET', endpoint: 'status', auth: false, api: false, handle: statusPage },
  '/status/events': { method: 'GET', endpoint: 'status.events', auth: false, api: false, handle: statusEvents },
  '/status/snapshot': { method: 'GET', endpoint: 'status.snapshot', auth: false, api: false, handle: statusJson },
};

/** The match of each fixed path, made once. */
const FIXED_MATCHES: ReadonlyMap<string, RouteMatch> = new Map(Object.entries(ROUTES).map(([path, route]) => [path, { route, param: '' }]));

const MODEL_ROUTE: Route = { method: 'GET', endpoint: 'models.retrieve', auth: true, api: false, handle: (ctx, ex, id) => retrieveModel(ctx, ex, id) };

const ADMIN_ROUTES = {
  GET: { method: 'GET', endpoint: 'admin', auth: false, api: false, handle: serveAdmin },
  POST: { method: 'POST', endpoint: 'admin', auth: false, api: false, handle: serveAdmin },
} as const satisfies Record<string, Route>;

/** What a path resolves to: a route (with its path parameter), or nothing. */
export type RouteMatch = { readonly route: Route; readonly param: string } | undefined;

/** Finds the route of a request path (query string already removed). */
export function matchRoute(path: string): RouteMatch {
  const fixed = FIXED_MATCHES.get(path);
  if (fixed) return fixed;
  if (path.startsWith('/v1/models/') && path.length > '/v1/models/'.length) {
    return { route: MODEL_ROUTE, param: decodeURIComponent(path.slice('/v1/models/'.length)) };
  }
  if (path.startsWith('/admin/')) {
    const rest = path.slice('/admin/'.length);
    return { route: ADMIN_ROUTES[adminMethod(rest)], param: rest };
  }
  return undefined;
}
