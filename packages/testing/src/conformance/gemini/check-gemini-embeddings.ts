import { ProviderHttpError, RateLimitError, type Provider } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { geminiRateLimited, geminiStatus } from '../../servers/gemini/fake-gemini-steps.js';
import { expectProviderError, rejectionOf } from '../expect-provider-error.js';
import { checkModelDiscovery } from '../shared/check-model-discovery.js';
import { optionalMethod } from '../shared/optional-method.js';
import type { GeminiConformanceContext } from './gemini-conformance-context.js';

/**
 * The provider's `embed`; or, for a provider without it when `features.embeddings` is unset,
 * `undefined` once the check has asserted exactly that: no `embed()` and no embeddings request
 * (see OptionalMethod). Throws when `features.embeddings` is true and there is no `embed()`.
 */
function embedOf(ctx: GeminiConformanceContext): NonNullable<Provider['embed']> | undefined {
  return optionalMethod(ctx, { name: 'embed', required: ctx.options.embeddings, isRequest: (request) => request.rpc === 'embedContent' || request.rpc === 'batchEmbedContents' });
}

/** Embeddings (`embedContent` for one input, `batchEmbedContents` for several) and model discovery. */
export function checkGeminiEmbeddings(ctx: GeminiConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  if (options.embeddings !== false) {
    describe('embeddings', () => {
      it('embeds one input with embedContent', { timeout }, async () => {
        const embed = embedOf(ctx);
        if (!embed) return;
        const response = await embed({ model: options.embeddingModel, input: 'first' }, ctx.call());
        const request = ctx.server.requests[0];
        expect(request?.path).toBe(`/v1beta/models/${options.embeddingModel}:embedContent`);
        expect(request?.body).toMatchObject({ content: { parts: [{ text: 'first' }] } });
        expect(response.data).toHaveLength(1);
        expect(response.data[0]?.embedding.length).toBeGreaterThan(0);
        ctx.expectOpenAIShape('CreateEmbeddingResponse', response);
      });

      it('embeds several inputs with one batchEmbedContents, in order, with dimensions and usage', { timeout }, async () => {
        const embed = embedOf(ctx);
        if (!embed) return;
        const response = await embed({ model: options.embeddingModel, input: ['first', 'second', 'third'], dimensions: 4 }, ctx.call());
        expect(ctx.server.requests).toHaveLength(1);
        const request = ctx.server.requests[0];
        expect(request?.path).toBe(`/v1beta/models/${options.embeddingModel}:batchEmbedContents`);
        expect(request?.body).toEqual({
          requests: ['first', 'second', 'third'].map((text) => ({ model: `models/${options.embeddingModel}`, content: { parts: [{ text }] }, outputDimensionality: 4 })),
        });
        expect(response.object).toBe('list');
        expect(response.data.map((item) => item.index)).toEqual([0, 1, 2]);
        for (const item of response.data) {
          expect(item.embedding).toHaveLength(4);
          expect(item.embedding.every((value) => typeof value === 'number' && Number.isFinite(value))).toBe(true);
        }
        expect(response.data[0]?.embedding).not.toEqual(response.data[1]?.embedding);
        expect(response.usage.prompt_tokens).toBeGreaterThan(0);
        ctx.expectOpenAIShape('CreateEmbeddingResponse', response);
      });

      it('maps a 429 on embeddings to RateLimitError with the RetryInfo delay', { timeout }, async () => {
        const embed = embedOf(ctx);
        if (!embed) return;
        ctx.server.script(geminiRateLimited({ retryDelay: '3s' }));
        const error = await rejectionOf(embed({ model: options.embeddingModel, input: 'x' }, ctx.call()), 'embed');
        expect(expectProviderError(error, RateLimitError, ctx.provider.id, { retryable: true, status: 429 }).retryAfter).toBe(3);
      });

      it('maps a 500 on embeddings to a retryable ProviderHttpError', { timeout }, async () => {
        const embed = embedOf(ctx);
        if (!embed) return;
        ctx.server.script(geminiStatus(500));
        const error = await rejectionOf(embed({ model: options.embeddingModel, input: ['x', 'y'] }, ctx.call()), 'embed');
        expectProviderError(error, ProviderHttpError, ctx.provider.id, { retryable: true, status: 500 });
      });
    });
  }

  checkModelDiscovery(ctx, { path: '/v1beta/models', expectedIds: ['gemini-2.5-flash', 'gemini-embedding-001'] });
}
