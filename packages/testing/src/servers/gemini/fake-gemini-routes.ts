import { googleErrorBody, modelNotFoundBody, type GoogleErrorBody } from './google-error-bodies.js';
import { invalidGenerateContent } from './fake-gemini-request.js';

/** A matched route. */
export interface GeminiRoute {
  /** `v1beta`, `v1` or `v1alpha`. */
  readonly version: string;
  /** `generateContent`, `streamGenerateContent`, `embedContent`, `batchEmbedContents`, `countTokens`, or `models` / `model` for the listings. */
  readonly rpc: string;
  /** The model of the path, without `models/` (undefined for the list). */
  readonly model?: string;
}

const METHODS = new Set(['generateContent', 'streamGenerateContent', 'embedContent', 'batchEmbedContents', 'countTokens']);

/** Matches `POST /{version}/models/{model}:{method}`, `GET /{version}/models` and `GET /{version}/models/{model}`. */
export function matchGeminiRoute(method: string, path: string): GeminiRoute | undefined {
  const call = /^\/(v1|v1beta|v1alpha)\/(?:models|tunedModels)\/([^/:]+):([A-Za-z]+)$/.exec(path);
  if (method === 'POST' && call?.[1] !== undefined && call[2] !== undefined && call[3] !== undefined && METHODS.has(call[3])) {
    return { version: call[1], model: decodeURIComponent(call[2]), rpc: call[3] };
  }
  if (method !== 'GET') return undefined;
  const list = /^\/(v1|v1beta|v1alpha)\/models\/?$/.exec(path);
  if (list?.[1] !== undefined) return { version: list[1], rpc: 'models' };
  const one = /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+)$/.exec(path);
  if (one?.[1] !== undefined && one[2] !== undefined) return { version: one[1], rpc: 'model', model: decodeURIComponent(one[2]) };
  return undefined;
}

/** Google's 404 for a URL it does not serve. */
export function unknownRouteBody(method: string, path: string): GoogleErrorBody {
  return googleErrorBody(404, `Method not found: ${method} ${path}`, 'NOT_FOUND');
}

/** Why the API refuses a request before generating anything (its own validation), or undefined. */
export function geminiRefusal(route: GeminiRoute, body: unknown, models: readonly string[] | undefined): { status: number; body: GoogleErrorBody } | undefined {
  if (route.model !== undefined && models !== undefined && !models.includes(route.model)) {
    return { status: 404, body: modelNotFoundBody(route.model, route.rpc === 'model' ? 'get' : route.rpc, route.version) };
  }
  if (route.rpc === 'models' || route.rpc === 'model') return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 400, body: googleErrorBody(400, 'Invalid JSON payload received. Unexpected token.', 'INVALID_ARGUMENT') };
  }
  if (route.rpc === 'generateContent' || route.rpc === 'streamGenerateContent') {
    const problem = invalidGenerateContent(body);
    if (problem !== undefined) return { status: 400, body: googleErrorBody(400, problem, 'INVALID_ARGUMENT') };
  }
  return undefined;
}
