import { anthropicErrorBody, type AnthropicErrorBody } from './anthropic-error-bodies.js';
import { anthropicMessageJson, planAnthropicAnswer } from './fake-anthropic-answer.js';
import { anthropicStreamEvents } from './fake-anthropic-events.js';
import type { AnthropicPayloadBuilder } from './fake-anthropic-player.js';
import { readAnthropicRequest } from './fake-anthropic-request.js';
import { validateAnthropicRequest, type AnthropicValidationOptions } from './validate-anthropic-request.js';

/** The endpoints the fake Anthropic server speaks. */
export type FakeAnthropicEndpoint = 'messages' | 'models' | 'model';

/** A matched route: the endpoint and, for `GET /v1/models/{id}`, the id. */
export interface FakeAnthropicRoute {
  readonly endpoint: FakeAnthropicEndpoint;
  readonly modelId?: string;
}

/** Models `GET /v1/models` lists when the server was given none. */
export const DEFAULT_FAKE_ANTHROPIC_MODELS: readonly string[] = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-5'];

/** Matches a method and path to an endpoint; undefined for anything else (answered 404). */
export function matchAnthropicRoute(method: string, path: string): FakeAnthropicRoute | undefined {
  if (method === 'POST' && path === '/v1/messages') return { endpoint: 'messages' };
  if (method === 'GET' && path === '/v1/models') return { endpoint: 'models' };
  const match = method === 'GET' ? /^\/v1\/models\/(.+)$/.exec(path) : null;
  if (match?.[1] !== undefined) return { endpoint: 'model', modelId: decodeURIComponent(match[1]) };
  return undefined;
}

/** A refusal: the status and Anthropic error body the API answers before generating anything. */
export interface AnthropicRefusal {
  readonly status: number;
  readonly body: AnthropicErrorBody;
}

/** What the server checks before any step plays. */
export interface AnthropicRefusalContext {
  readonly route: FakeAnthropicRoute;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly models: readonly string[] | undefined;
  readonly apiKey: string | undefined;
  readonly requireVersion: boolean;
  readonly validation: AnthropicValidationOptions | false;
  readonly requestId: string;
}

/**
 * Why a request is refused before any step plays, as the API refuses it: a wrong or missing key
 * (`x-api-key`, or `Authorization: Bearer`) (401), no `anthropic-version` header (400), a body
 * that is not JSON or breaks the Messages API's rules for that version (400), a model the server
 * was told it does not serve (404).
 */
export function anthropicRefusal(context: AnthropicRefusalContext): AnthropicRefusal | undefined {
  const { route, body, headers, requestId } = context;
  const refuse = (status: number, type: string, message: string): AnthropicRefusal => ({ status, body: anthropicErrorBody(type, message, requestId) });
  // The API takes the key as `x-api-key` or, as SDKs since API version 2026-10-21 send it, a bearer token; x-api-key wins.
  const sentKey = headers['x-api-key'] ?? /^Bearer\s+(.*)$/i.exec(headers['authorization'] ?? '')?.[1];
  if (context.apiKey !== undefined && sentKey !== context.apiKey) return refuse(401, 'authentication_error', 'invalid x-api-key');
  const version = headers['anthropic-version'];
  if (context.requireVersion && version === undefined) return refuse(400, 'invalid_request_error', 'anthropic-version: header is required');
  if (route.endpoint === 'model') {
    return context.models === undefined || context.models.includes(route.modelId ?? '') ? undefined : refuse(404, 'not_found_error', `model: ${route.modelId ?? ''}`);
  }
  if (route.endpoint === 'models') return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse(400, 'invalid_request_error', 'There was an error parsing the body of your request. Please make sure it is valid JSON.');
  }
  if (context.validation !== false) {
    const issues = validateAnthropicRequest(body, { ...context.validation, ...(version === undefined ? {} : { version }) });
    if (issues[0] !== undefined) return refuse(400, 'invalid_request_error', issues[0]);
  }
  const model = (body as Record<string, unknown>)['model'];
  if (context.models !== undefined && !context.models.includes(String(model))) return refuse(404, 'not_found_error', `model: ${String(model)}`);
  return undefined;
}

/** One model as `GET /v1/models/{id}` describes it. */
function modelJson(id: string): Record<string, unknown> {
  return { type: 'model', id, display_name: id, created_at: '2025-10-01T00:00:00Z' };
}

/** `GET /v1/models` as the API pages it (one page). */
function modelListJson(models: readonly string[]): Record<string, unknown> {
  return { data: models.map(modelJson), has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null };
}

/** Builds the payload of an answer step for a route. */
export function anthropicPayloadBuilder(route: FakeAnthropicRoute, body: unknown, models: readonly string[], sequence: number): AnthropicPayloadBuilder {
  switch (route.endpoint) {
    case 'messages': {
      const request = readAnthropicRequest(body);
      return (answer) => {
        const plan = planAnthropicAnswer(request, answer, { sequence });
        return request.stream ? { type: 'stream', events: anthropicStreamEvents(plan) } : { type: 'json', body: anthropicMessageJson(plan) };
      };
    }
    case 'models':
      return () => ({ type: 'json', body: modelListJson(models) });
    case 'model':
      return () => ({ type: 'json', body: modelJson(route.modelId ?? '') });
  }
}
