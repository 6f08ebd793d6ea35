import type { AttemptReport, MiddlewareContext, RequestOperation } from '@modelmesh/core';

/** GenAI semantic-convention attribute names used here. */
export const ATTR = {
  operation: 'gen_ai.operation.name',
  provider: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  finishReasons: 'gen_ai.response.finish_reasons',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  tokenType: 'gen_ai.token.type',
  errorType: 'error.type',
} as const;

/** ModelMesh's own attributes (no convention covers them). */
export const MESH = {
  requestId: 'modelmesh.request_id',
  pool: 'modelmesh.pool',
  attempt: 'modelmesh.attempt',
  attempts: 'modelmesh.attempts',
  failovers: 'modelmesh.failovers',
  modelKey: 'modelmesh.model_key',
  providerId: 'modelmesh.provider_id',
  cacheHit: 'modelmesh.cache_hit',
  cost: 'modelmesh.cost_usd',
  failureKind: 'modelmesh.failure_kind',
} as const;

/** `gen_ai.operation.name` of a request: streamed or not, a chat is `chat`. */
export function operationName(operation: RequestOperation): 'chat' | 'embeddings' {
  return operation === 'embeddings' ? 'embeddings' : 'chat';
}

/** Connector families and their `gen_ai.provider.name` where the convention names them. */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'gcp.gemini',
  gemini: 'gcp.gemini',
  mistral: 'mistral_ai',
  groq: 'groq',
  deepseek: 'deepseek',
  xai: 'x_ai',
  perplexity: 'perplexity',
};

/** `gen_ai.provider.name` from a connector id (`openai.llm.v1` → `openai`); other families keep their own name. */
export function providerName(connector: string): string {
  const family = connector.split('.')[0] ?? connector;
  return PROVIDER_NAMES[family] ?? family;
}

/** Attributes a span of one attempt starts with. */
export function attemptAttributes(context: MiddlewareContext): Record<string, string | number> {
  return {
    [ATTR.operation]: operationName(context.request.operation),
    [ATTR.provider]: providerName(context.connector),
    [ATTR.requestModel]: context.modelId,
    [MESH.requestId]: context.requestId,
    [MESH.pool]: context.poolName,
    [MESH.attempt]: context.attempt,
    [MESH.modelKey]: context.modelKey,
    [MESH.providerId]: context.providerId,
  };
}

/** The failure kind the router gave an attempt, once the request's report is known. */
export function failureKindOf(attempts: readonly AttemptReport[], attempt: number): string | undefined {
  return attempts.find((a) => a.attempt === attempt)?.error?.kind;
}
