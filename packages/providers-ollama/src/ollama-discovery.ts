import { ProviderError, type ModelSpec, type ProviderCall } from '@modelmesh/provider';
import type { HttpClient } from '@modelmesh/provider-kit';
import { guessModelSpec } from '@modelmesh/providers-openai-compatible/internal';

/*
 * Model discovery from Ollama's native API: `GET /api/tags` lists the pulled models, and
 * `POST /api/show` (per model) says what each can do (`capabilities`: completion, tools,
 * vision, embedding, thinking, insert; Ollama 0.6.4 and later) and its context length
 * (`model_info["<architecture>.context_length"]`).
 */

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One entry of `GET /api/tags`. */
interface TagEntry {
  name: string;
  families: readonly string[];
}

function tagsOf(data: unknown): TagEntry[] | undefined {
  if (!isRecord(data) || !Array.isArray(data['models'])) return undefined;
  const entries: TagEntry[] = [];
  for (const item of data['models']) {
    if (!isRecord(item)) continue;
    const name = typeof item['name'] === 'string' ? item['name'] : typeof item['model'] === 'string' ? item['model'] : undefined;
    if (name === undefined) continue;
    const details = isRecord(item['details']) ? item['details'] : {};
    const families = Array.isArray(details['families']) ? details['families'].filter((f): f is string => typeof f === 'string') : [];
    if (typeof details['family'] === 'string' && !families.includes(details['family'])) families.push(details['family']);
    entries.push({ name, families });
  }
  return entries;
}

/** Families of the vision encoders Ollama bundles with multimodal models. */
const VISION_FAMILIES = new Set(['clip', 'mllama', 'siglip']);

/** A spec from what `/api/tags` alone says: the name (embedding models) and the families (vision). */
function fromTag(tag: TagEntry): ModelSpec {
  const guess = guessModelSpec(tag.name);
  if (guess.capabilities.includes('text-embeddings')) return { ...guess, pricing: { input: 0, output: 0 } };
  const vision = tag.families.some((f) => VISION_FAMILIES.has(f.toLowerCase()));
  return {
    id: tag.name,
    capabilities: vision ? ['chat-completion', 'image-to-text'] : ['chat-completion'],
    features: { vision, streaming: true },
    pricing: { input: 0, output: 0 },
  };
}

/** A spec from `/api/show`: its `capabilities` and context length; undefined when it has no capabilities (older Ollama). */
function fromShow(name: string, data: unknown): ModelSpec | undefined {
  if (!isRecord(data) || !Array.isArray(data['capabilities'])) return undefined;
  const caps = new Set(data['capabilities'].filter((c): c is string => typeof c === 'string'));
  const info = isRecord(data['model_info']) ? data['model_info'] : {};
  const architecture = typeof info['general.architecture'] === 'string' ? info['general.architecture'] : undefined;
  const contextLength = architecture === undefined ? undefined : info[`${architecture}.context_length`];
  const contextWindow = typeof contextLength === 'number' && contextLength > 0 ? contextLength : undefined;
  const withContext = (spec: ModelSpec): ModelSpec => (contextWindow === undefined ? spec : { ...spec, contextWindow });
  if (caps.has('embedding') && !caps.has('completion')) return withContext({ id: name, capabilities: ['text-embeddings'], pricing: { input: 0, output: 0 } });
  const capabilities = ['chat-completion'];
  if (caps.has('tools')) capabilities.push('tool-calling');
  if (caps.has('vision')) capabilities.push('image-to-text');
  return withContext({
    id: name,
    capabilities,
    features: { tools: caps.has('tools'), vision: caps.has('vision'), streaming: true },
    pricing: { input: 0, output: 0 },
  });
}

/** What discovery needs from the provider instance. */
export interface OllamaDiscovery {
  /** Client of the server root (native `/api/*`). */
  native: HttpClient;
  /** Models configured for this instance: their specs win over discovered ones. */
  known: readonly ModelSpec[];
  /** Ask `/api/show` per model (capabilities, context length); otherwise guess from `/api/tags`. */
  details: boolean;
  /** The OpenAI-compatible listing (`GET /v1/models`), used when the server has no `/api/tags`. */
  openAIList: (call?: Pick<ProviderCall, 'signal'>) => Promise<ModelSpec[]>;
}

/**
 * The models an Ollama server has now. Configured models keep their configured spec; the
 * others are described by `/api/show` (or, failing that, guessed from the name and families),
 * priced at zero. A server without `/api/tags` (a proxy that exposes only `/v1`) is asked
 * `GET /v1/models` instead.
 */
export async function discoverOllamaModels(discovery: OllamaDiscovery, call?: Pick<ProviderCall, 'signal'>): Promise<ModelSpec[]> {
  const signal = call?.signal ?? new AbortController().signal;
  let data: unknown;
  try {
    ({ data } = await discovery.native.requestJson({ path: '/api/tags', signal }));
  } catch (error) {
    if (ProviderError.isInstance(error) && error.status === 404) return discovery.openAIList(call);
    throw error;
  }
  const tags = tagsOf(data);
  if (tags === undefined) {
    throw new ProviderError({ providerId: discovery.native.providerId, code: 'malformed_response', message: `Provider "${discovery.native.providerId}" answered GET /api/tags with something that is not a model list` });
  }
  return Promise.all(
    tags.map(async (tag) => {
      const known = discovery.known.find((spec) => spec.id === tag.name);
      if (known !== undefined) return known;
      if (!discovery.details) return fromTag(tag);
      try {
        const { data: shown } = await discovery.native.requestJson({ path: '/api/show', body: { model: tag.name }, signal });
        return fromShow(tag.name, shown) ?? fromTag(tag);
      } catch (error) {
        if (signal.aborted) throw error;
        return fromTag(tag);
      }
    }),
  );
}
