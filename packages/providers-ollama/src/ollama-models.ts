import type { ModelSpec } from '@modelmesh/provider';

/*
 * Ollama serves whatever models were pulled on the machine, so the real list comes from the
 * server: `provider.listModels()` asks `GET /api/tags` (and `POST /api/show` per model for its
 * capabilities and context length; see ollama-discovery.ts).
 *
 * The defaults below are a small documented list of popular library models, so that
 * `create('chat-completion')` with `OLLAMA_HOST` set has something to route to. They only
 * work if pulled (`ollama pull llama3.2`); a model that is not is a 404 the router fails over
 * from. Where the numbers come from: the models' pages on ollama.com/library (default tag,
 * context length, tools/vision/embedding badges). `contextWindow` is the model's own;
 * Ollama serves a shorter context unless `OLLAMA_CONTEXT_LENGTH` (or `num_ctx`) raises it.
 * Local inference costs nothing per token, hence zero prices, and there are no quotas.
 * A `models:` entry in config overrides any field for the same model id, and listing models
 * in config replaces these defaults.
 *
 * Capability names are canonical names from @modelmesh/capabilities.
 */

const FREE = { input: 0, output: 0 } as const;

/** The models `@modelmesh/providers-ollama` enables by default (if pulled). */
export const OLLAMA_MODELS: readonly ModelSpec[] = [
  {
    // Llama 3.2 3B.
    id: 'llama3.2',
    capabilities: ['chat-completion', 'tool-calling'],
    contextWindow: 131_072,
    features: { tools: true, vision: false, streaming: true },
    pricing: FREE,
  },
  {
    // Qwen 2.5 7B.
    id: 'qwen2.5',
    capabilities: ['chat-completion', 'tool-calling', 'code-generation'],
    contextWindow: 32_768,
    features: { tools: true, vision: false, streaming: true },
    pricing: FREE,
  },
  {
    // 768-dimensional vectors.
    id: 'nomic-embed-text',
    capabilities: ['text-embeddings'],
    contextWindow: 2_048,
    pricing: FREE,
  },
];
