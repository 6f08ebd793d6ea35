import { ProviderHttpError, RateLimitError, type Provider } from '@modelmesh/core';
import { describe, expect, it } from 'vitest';
import { rateLimited } from '../servers/fake-steps.js';
import { validateOpenAI } from '../servers/validate-openai.js';
import type { ConformanceContext } from './conformance-context.js';
import { expectProviderError, rejectionOf } from './expect-provider-error.js';
import { checkModelDiscovery } from './shared/check-model-discovery.js';
import { optionalMethod } from './shared/optional-method.js';
import { expectOpenAIShape } from './expect-openai-shape.js';

/**
 * The provider's `embed`; or, for a provider without it when `features.embeddings` is unset,
 * `undefined` once the check has asserted exactly that: no `embed()` and no embeddings request
 * (see OptionalMethod). Throws when `features.embeddings` is true and there is no `embed()`.
 */
function embedOf(ctx: ConformanceContext): NonNullable<Provider['embed']> | undefined {
  return optionalMethod(ctx, { name: 'embed', required: ctx.options.embeddings, isRequest: (request) => request.path === '/v1/embeddings' });
}

/** Embeddings (when the provider offers them) and model discovery (when it has `listModels`). */
export function checkEmbeddingsAndModels(ctx: ConformanceContext): void {
  const { options } = ctx;
  const timeout = options.testTimeoutMs;

  if (options.embeddings !== false) {
    describe('embeddings', () => {
      it('returns one float vector per input, in order, with usage', { timeout }, async () => {
        const embed = embedOf(ctx);
        if (!embed) return;
        const response = await embed({ model: options.embeddingModel, input: ['first', 'second'] }, ctx.call());
        expect(response.object).toBe('list');
        expect(response.data.map((item) => item.index)).toEqual([0, 1]);
        for (const item of response.data) {
          expect(Array.isArray(item.embedding), 'embedding is an array of numbers (decode base64 if you ask for it)').toBe(true);
          expect(item.embedding.length).toBeGreaterThan(0);
          expect(item.embedding.every((value) => typeof value === 'number' && Number.isFinite(value))).toBe(true);
        }
        expect(response.usage.prompt_tokens).toBeGreaterThan(0);
        const request = ctx.server.requests[0];
        expect(request?.path).toBe('/v1/embeddings');
        expect(request?.model).toBe(options.embeddingModel);
        expect(validateOpenAI('CreateEmbeddingRequest', request?.body).errors).toEqual([]);
        expectOpenAIShape(options, 'CreateEmbeddingResponse', response);
      });

      it('maps a 429 on embeddings to RateLimitError with retryAfter', { timeout }, async () => {
        const embed = embedOf(ctx);
        if (!embed) return;
        ctx.server.script(rateLimited({ retryAfter: 3 }));
        const error = await rejectionOf(embed({ model: options.embeddingModel, input: 'x' }, ctx.call()), 'embed');
        expect(expectProviderError(error, RateLimitError, ctx.provider.id, { retryable: true, status: 429 }).retryAfter).toBe(3);
      });

      it('maps a 500 on embeddings to a retryable ProviderHttpError', { timeout }, async () => {
        const embed = embedOf(ctx);
        if (!embed) return;
        ctx.server.script({ kind: 'status', status: 500 });
        const error = await rejectionOf(embed({ model: options.embeddingModel, input: 'x' }, ctx.call()), 'embed');
        expectProviderError(error, ProviderHttpError, ctx.provider.id, { retryable: true, status: 500 });
      });
    });
  }

  checkModelDiscovery(ctx, { path: '/v1/models', expectedIds: ['gpt-4o', 'gpt-4o-mini'] });
}
