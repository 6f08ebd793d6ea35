import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  SharedV3Warning,
} from '@ai-sdk/provider';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming, MeshClient, Stream } from '@modelmesh/core';
import { buildMeshRequest } from './build-mesh-request.js';
import { completionContent } from './mesh-content.js';
import { MeshCallTrace } from './mesh-call-trace.js';
import { mapMeshError } from './map-mesh-error.js';
import { mapMeshFinishReason } from './map-mesh-finish-reason.js';
import { mapMeshUsage } from './map-mesh-usage.js';
import { MeshStreamParts } from './mesh-stream-parts.js';
import type { MeshWarning } from './mesh-warning.js';

/** The AI SDK's provider name for mesh models (shown in telemetry and `response`). */
export const MESH_PROVIDER_NAME = 'modelmesh';

function toV3Warning(warning: MeshWarning): SharedV3Warning {
  if (warning.kind === 'other') return { type: 'other', message: warning.message };
  const feature = warning.kind === 'tool' ? `tool ${warning.tool}` : warning.setting;
  return { type: 'unsupported', feature, ...(warning.details !== undefined ? { details: warning.details } : {}) };
}

/**
 * A mesh pool as an AI SDK `LanguageModelV3` (ai@6): each call is one mesh request, with the
 * pool's strategy, retries, failover, budgets and usage. The model id is the pool (or
 * capability) name; which real model answered is in `providerMetadata.modelmesh`.
 */
export class MeshLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = MESH_PROVIDER_NAME;
  /** Images and PDFs by URL are sent as URLs; the mesh's providers fetch or forward them. */
  readonly supportedUrls: Record<string, RegExp[]> = { 'image/*': [/^https?:\/\/.*$/] };

  /** @param modelId The pool or capability the mesh routes to. */
  constructor(
    readonly modelId: string,
    private readonly client: MeshClient,
  ) {}

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const request = buildMeshRequest(this.modelId, options);
    const trace = new MeshCallTrace();
    let completion;
    try {
      completion = await this.client.chat.completions.create(request.params, trace.attach(request.options));
    } catch (error) {
      throw mapMeshError(error, this.modelId, request.params);
    }
    const providerMetadata = trace.providerMetadata(completion.model);
    return {
      content: completionContent(completion),
      finishReason: mapMeshFinishReason(completion.choices[0]?.finish_reason),
      usage: mapMeshUsage(completion.usage),
      ...(providerMetadata ? { providerMetadata } : {}),
      request: { body: request.params },
      response: { id: completion.id, modelId: completion.model, timestamp: new Date(completion.created * 1000), body: completion },
      warnings: request.warnings.map(toV3Warning),
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const request = buildMeshRequest(this.modelId, options);
    const params: ChatCompletionCreateParamsStreaming = { ...request.params, stream: true, stream_options: { include_usage: true } };
    const trace = new MeshCallTrace();
    let stream: Stream<ChatCompletionChunk>;
    try {
      stream = await this.client.chat.completions.create(params, trace.attach(request.options));
    } catch (error) {
      throw mapMeshError(error, this.modelId, params);
    }
    const pool = this.modelId;
    const parts = new MeshStreamParts();
    const includeRaw = options.includeRawChunks === true;
    const iterator = stream[Symbol.asyncIterator]();
    let answeredBy: string | undefined;
    // Pull-based, so a consumer that stops reading stops the upstream call (cancel aborts the request).
    const output = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const part of parts.start(request.warnings.map(toV3Warning))) controller.enqueue(part);
      },
      async pull(controller) {
        try {
          // A pull that enqueues nothing is not called again: read on until a chunk yields parts.
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              for (const part of parts.finish(trace.providerMetadata(answeredBy))) controller.enqueue(part);
              controller.close();
              return;
            }
            answeredBy = next.value.model;
            const out = parts.push(next.value, includeRaw);
            for (const part of out) controller.enqueue(part);
            if (out.length > 0) return;
          }
        } catch (error) {
          // After content has reached the caller the mesh recovers a broken stream or ends it in a typed error: pass that on.
          controller.enqueue({ type: 'error', error: mapMeshError(error, pool, params) });
          parts.fail();
          for (const part of parts.finish(trace.providerMetadata(answeredBy))) controller.enqueue(part);
          controller.close();
        }
      },
      async cancel() {
        stream.controller.abort();
        await iterator.return?.();
      },
    });
    return { stream: output, request: { body: params } };
  }
}
