import type { ModelSpec, ProviderCall } from '@modelmesh/provider';
import { malformed } from './gemini-response.js';
import type { GoogleClient } from './google-client.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Pages of `models.list` read at most (1000 models a page), so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 20;

/** A `Model` of `GET /v1beta/models` as a ModelSpec: known defaults first, then what the API says. */
function toSpec(model: Record<string, unknown>, known: ReadonlyMap<string, ModelSpec>): ModelSpec | undefined {
  const name = typeof model['name'] === 'string' ? model['name'].replace(/^models\//, '') : undefined;
  if (name === undefined) return undefined;
  const methods = Array.isArray(model['supportedGenerationMethods']) ? model['supportedGenerationMethods'] : [];
  const capabilities = [
    ...(methods.includes('generateContent') ? ['chat-completion'] : []),
    ...(methods.includes('embedContent') || methods.includes('batchEmbedContents') ? ['text-embeddings'] : []),
  ];
  const defaults = known.get(name);
  if (capabilities.length === 0 && defaults === undefined) return undefined;
  const spec: ModelSpec = { ...defaults, id: name, capabilities: defaults?.capabilities ?? capabilities };
  if (typeof model['inputTokenLimit'] === 'number') spec.contextWindow = model['inputTokenLimit'];
  if (typeof model['outputTokenLimit'] === 'number' && capabilities.includes('chat-completion')) spec.maxOutputTokens = model['outputTokenLimit'];
  return spec;
}

/**
 * `GET /v1beta/models` (every page): the models the key can use, as ModelSpecs. Models that
 * generate content get `chat-completion`, embedding models `text-embeddings`; the context and
 * output limits come from the API; prices, features and limits from the default list for models it knows.
 */
export async function listGoogleModels(client: GoogleClient, known: readonly ModelSpec[], call?: Pick<ProviderCall, 'signal'>): Promise<ModelSpec[]> {
  const byId = new Map(known.map((spec) => [spec.id, spec]));
  const context = { providerId: client.settings.id, modelId: '', secrets: client.secrets };
  const out: ModelSpec[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await client.send({
      ...client.callOptions({ signal: call?.signal ?? new AbortController().signal }, undefined, false),
      method: 'GET',
      path: client.versionPath('models'),
      query: { pageSize: '1000', ...(pageToken === undefined ? {} : { pageToken }) },
    });
    const data = await response.json();
    if (!isRecord(data)) throw malformed(context, 'answered models.list with something that is not a model list', data);
    const models = Array.isArray(data['models']) ? data['models'].filter(isRecord) : [];
    for (const model of models) {
      const spec = toSpec(model, byId);
      if (spec !== undefined) out.push(spec);
    }
    pageToken = typeof data['nextPageToken'] === 'string' && data['nextPageToken'] !== '' ? data['nextPageToken'] : undefined;
    if (pageToken === undefined) break;
  }
  return out;
}
