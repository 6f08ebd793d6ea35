import { chatCompletionJson, planChatAnswer } from './fake-chat-answer.js';
import { chatStreamEvents } from './fake-chat-chunks.js';
import { readChatRequest } from './fake-chat-request.js';
import type { PayloadBuilder } from './fake-openai-player.js';
import { embeddingsJson, modelListJson } from './fake-resource-answers.js';
import { modelNotFoundBody, openAIErrorBody, type OpenAIErrorBody } from './openai-error-bodies.js';

/** The endpoints the fake server speaks. */
export type FakeEndpoint = 'chat' | 'embeddings' | 'models' | 'model';

/** A matched route: the endpoint and, for `GET /v1/models/{id}`, the id. */
export interface FakeRoute {
  readonly endpoint: FakeEndpoint;
  readonly modelId?: string;
}

/** Matches a method and path to an endpoint; undefined for anything else (answered 404). */
export function matchRoute(method: string, path: string): FakeRoute | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return { endpoint: 'chat' };
  if (method === 'POST' && path === '/v1/embeddings') return { endpoint: 'embeddings' };
  if (method === 'GET' && path === '/v1/models') return { endpoint: 'models' };
  const match = method === 'GET' ? /^\/v1\/models\/(.+)$/.exec(path) : null;
  if (match?.[1] !== undefined) return { endpoint: 'model', modelId: decodeURIComponent(match[1]) };
  return undefined;
}

/** OpenAI's 404 for an unknown URL. */
export function unknownRouteBody(method: string, path: string): OpenAIErrorBody {
  return openAIErrorBody(`Invalid URL (${method} ${path})`, 'invalid_request_error');
}

/**
 * Why a request is refused before any step plays (OpenAI's own validation): a POST body that
 * is not JSON, a missing model, or a model the server was told it does not serve.
 */
export function refusal(route: FakeRoute, body: unknown, models: readonly string[] | undefined): { status: number; body: OpenAIErrorBody } | undefined {
  if (route.endpoint === 'model') {
    return models === undefined || models.includes(route.modelId ?? '') ? undefined : { status: 404, body: modelNotFoundBody(route.modelId ?? '') };
  }
  if (route.endpoint === 'models') return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      status: 400,
      body: openAIErrorBody(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
        'invalid_request_error',
      ),
    };
  }
  const model = (body as Record<string, unknown>)['model'];
  if (typeof model !== 'string' || model === '') {
    return { status: 400, body: openAIErrorBody('you must provide a model parameter', 'invalid_request_error') };
  }
  if (models !== undefined && !models.includes(model)) return { status: 404, body: modelNotFoundBody(model) };
  return undefined;
}

/** Builds the payload of an answer step for a route. */
export function payloadBuilder(route: FakeRoute, body: unknown, models: readonly string[], identity: { sequence: number; created: number }): PayloadBuilder {
  switch (route.endpoint) {
    case 'chat': {
      const request = readChatRequest(body);
      return (answer) => {
        const plan = planChatAnswer(request, answer, identity);
        return request.stream
          ? { type: 'stream', events: chatStreamEvents(plan, request.includeUsage) }
          : { type: 'json', body: chatCompletionJson(plan) };
      };
    }
    case 'embeddings':
      return (answer) => {
        const json = embeddingsJson(body, answer);
        return json === undefined
          ? { type: 'json', status: 400, body: openAIErrorBody("'input' is a required property", 'invalid_request_error', null, 'input') }
          : { type: 'json', body: json };
      };
    case 'models':
      return () => ({ type: 'json', body: modelListJson(models) });
    case 'model':
      return () => ({ type: 'json', body: modelListJson([route.modelId ?? '']).data[0] });
  }
}
