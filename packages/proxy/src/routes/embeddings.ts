import type { CreateEmbeddingResponse, EmbeddingCreateParams } from '@modelmesh/core';
import { httpFailure, HttpFailureError } from '../http/openai-error.js';
import { sendJson } from '../http/send-response.js';
import { traceHeaders } from '../request-trace.js';
import type { Exchange, ProxyContext } from '../server/proxy-context.js';
import { readParams, requestOptions, requireModel } from './request-params.js';

/**
 * `POST /v1/embeddings`. The mesh is always asked for floats; when the client asks for
 * `encoding_format: "base64"` (the `openai` package does by default) the proxy encodes
 * the vectors as little-endian float32, as OpenAI does.
 */
export async function embeddings(ctx: ProxyContext, ex: Exchange): Promise<void> {
  const { encoding_format: format, ...params } = await readParams(ctx, ex);
  ctx.access.authorize(ex.key, requireModel(params));
  if (format !== undefined && format !== 'float' && format !== 'base64') {
    throw new HttpFailureError(httpFailure(400, "encoding_format must be 'float' or 'base64'", 'invalid_request_error', { param: 'encoding_format', code: 'invalid_value' }));
  }
  const response = await ctx.mesh.embeddings.create(params as unknown as EmbeddingCreateParams, requestOptions(ex));
  sendJson(ex.res, 200, format === 'base64' ? toBase64(response) : response, traceHeaders(ex.trace, true, ex.headers));
}

function toBase64(response: CreateEmbeddingResponse): unknown {
  return {
    ...response,
    data: response.data.map((item) => {
      const floats = Float32Array.from(item.embedding);
      return { ...item, embedding: Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64') };
    }),
  };
}
