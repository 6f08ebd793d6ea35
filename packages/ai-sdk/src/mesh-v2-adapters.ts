import type {
  EmbeddingModelV2,
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2CallWarning,
  LanguageModelV2Content,
  LanguageModelV2FinishReason,
  LanguageModelV2StreamPart,
  LanguageModelV2Usage,
  SharedV2ProviderMetadata,
} from '@ai-sdk/provider-v2';
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
  SharedV3Warning,
} from '@ai-sdk/provider';
import type { MeshEmbeddingModel } from './mesh-embedding-model.js';
import type { MeshLanguageModel } from './mesh-language-model.js';

// ai@5 speaks specification V2, typed by @ai-sdk/provider@2 (its JSON values differ from
// v3's copy of the V2 types, so ai@5 would not accept the latter). The mesh models are written once, against V3; these adapters
// translate the few places where V2 differs: usage (flat), finish reason (a string), warnings.

type V2GenerateResult = Awaited<ReturnType<LanguageModelV2['doGenerate']>>;
type V2StreamResult = Awaited<ReturnType<LanguageModelV2['doStream']>>;
type V2EmbedResult = Awaited<ReturnType<EmbeddingModelV2<string>['doEmbed']>>;

/** V3 metadata allows `undefined` values, V2's does not: drop them. */
function toV2Metadata(metadata: SharedV3ProviderMetadata | undefined): { providerMetadata?: SharedV2ProviderMetadata } {
  if (!metadata) return {};
  const out: SharedV2ProviderMetadata = {};
  for (const [provider, values] of Object.entries(metadata)) {
    // JSON from V3 metadata minus `undefined` values is JSON in V2's sense; the two packages type it apart.
    out[provider] = JSON.parse(JSON.stringify(values)) as SharedV2ProviderMetadata[string];
  }
  return { providerMetadata: out };
}

function toV2Usage(usage: LanguageModelV3Usage): LanguageModelV2Usage {
  const input = usage.inputTokens.total;
  const output = usage.outputTokens.total;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0),
    ...(usage.outputTokens.reasoning !== undefined ? { reasoningTokens: usage.outputTokens.reasoning } : {}),
    ...(usage.inputTokens.cacheRead !== undefined ? { cachedInputTokens: usage.inputTokens.cacheRead } : {}),
  };
}

function toV2FinishReason(reason: LanguageModelV3FinishReason): LanguageModelV2FinishReason {
  return reason.unified === 'other' && reason.raw === undefined ? 'unknown' : reason.unified;
}

function toV2Warning(warning: SharedV3Warning): LanguageModelV2CallWarning {
  if (warning.type === 'other') return { type: 'other', message: warning.message };
  if (warning.feature.startsWith('tool ')) return { type: 'other', message: `${warning.feature}: ${warning.details ?? 'not supported'}` };
  return { type: 'unsupported-setting', setting: warning.feature as keyof LanguageModelV2CallOptions, ...(warning.details !== undefined ? { details: warning.details } : {}) };
}

/** V3 content the mesh produces (text, reasoning, tool calls) in V2 form. */
function toV2Content(content: LanguageModelV3Content[]): LanguageModelV2Content[] {
  const out: LanguageModelV2Content[] = [];
  for (const part of content) {
    if (part.type === 'tool-call') out.push({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
    else if (part.type === 'text' || part.type === 'reasoning') out.push({ type: part.type, text: part.text });
  }
  return out;
}

function toV2StreamPart(part: LanguageModelV3StreamPart): LanguageModelV2StreamPart | undefined {
  switch (part.type) {
    case 'stream-start':
      return { type: 'stream-start', warnings: part.warnings.map(toV2Warning) };
    case 'finish':
      return { type: 'finish', finishReason: toV2FinishReason(part.finishReason), usage: toV2Usage(part.usage), ...toV2Metadata(part.providerMetadata) };
    case 'tool-call':
      return { type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input };
    case 'tool-input-start':
      return { type: 'tool-input-start', id: part.id, toolName: part.toolName };
    case 'text-start':
    case 'text-delta':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-delta':
    case 'reasoning-end':
    case 'tool-input-delta':
    case 'tool-input-end':
    case 'response-metadata':
    case 'raw':
    case 'error': {
      // These parts have the same shape in V2 and V3, but for the metadata's type.
      const { providerMetadata, ...rest } = part as LanguageModelV3StreamPart & { providerMetadata?: SharedV3ProviderMetadata };
      return { ...rest, ...toV2Metadata(providerMetadata) } as LanguageModelV2StreamPart;
    }
    default:
      return undefined;
  }
}

/** A mesh pool as an AI SDK `LanguageModelV2` (ai@5), over the V3 model. */
export class MeshLanguageModelV2 implements LanguageModelV2 {
  readonly specificationVersion = 'v2';
  readonly provider: string;
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]>;

  constructor(private readonly model: MeshLanguageModel) {
    this.provider = model.provider;
    this.modelId = model.modelId;
    this.supportedUrls = model.supportedUrls;
  }

  async doGenerate(options: LanguageModelV2CallOptions): Promise<V2GenerateResult> {
    const result = await this.model.doGenerate(options as LanguageModelV3CallOptions);
    return {
      content: toV2Content(result.content),
      finishReason: toV2FinishReason(result.finishReason),
      usage: toV2Usage(result.usage),
      ...toV2Metadata(result.providerMetadata),
      ...(result.request ? { request: result.request } : {}),
      ...(result.response ? { response: result.response } : {}),
      warnings: result.warnings.map(toV2Warning),
    };
  }

  async doStream(options: LanguageModelV2CallOptions): Promise<V2StreamResult> {
    const result = await this.model.doStream(options as LanguageModelV3CallOptions);
    const stream = result.stream.pipeThrough(
      new TransformStream<LanguageModelV3StreamPart, LanguageModelV2StreamPart>({
        transform(part, controller) {
          const converted = toV2StreamPart(part);
          if (converted) controller.enqueue(converted);
        },
      }),
    );
    return { stream, ...(result.request ? { request: result.request } : {}) };
  }
}

/** A mesh embedding pool as an AI SDK `EmbeddingModelV2` (ai@5), over the V3 model. */
export class MeshEmbeddingModelV2 implements EmbeddingModelV2<string> {
  readonly specificationVersion = 'v2';
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number;
  readonly supportsParallelCalls = true;

  constructor(private readonly model: MeshEmbeddingModel) {
    this.provider = model.provider;
    this.modelId = model.modelId;
    this.maxEmbeddingsPerCall = model.maxEmbeddingsPerCall;
  }

  async doEmbed(options: Parameters<EmbeddingModelV2<string>['doEmbed']>[0]): Promise<V2EmbedResult> {
    const { warnings: _warnings, providerMetadata, ...result } = await this.model.doEmbed(options as Parameters<MeshEmbeddingModel['doEmbed']>[0]);
    return { ...result, ...toV2Metadata(providerMetadata) };
  }
}
