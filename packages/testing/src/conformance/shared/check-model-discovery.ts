import { describe, expect, it } from 'vitest';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import { optionalMethod } from './optional-method.js';
import type { WireCheckContext } from './wire-check-context.js';

/** Where a wire lists its models and which of the fake server's models a listing must include. */
export interface ModelDiscovery {
  /** Path of the listing, e.g. `/v1/models`. */
  readonly path: string;
  /** Ids the provider's `listModels` must return (among others). */
  readonly expectedIds: readonly string[];
}

/**
 * Registers `describe('model discovery')`: `listModels` lists the models the server serves. No
 * feature flag says whether a provider has `listModels`, so the check is always registered; for a
 * provider without it, it asserts that (and that no listing was requested) rather than skipping.
 */
export function checkModelDiscovery<S, R extends FakeLoggedRecord & { readonly method: string; readonly path: string }>(
  ctx: WireCheckContext<S, R>,
  discovery: ModelDiscovery,
): void {
  const isListing = (request: R): boolean => request.method === 'GET' && request.path === discovery.path;
  describe('model discovery', () => {
    it('lists the models the server serves', { timeout: ctx.options.testTimeoutMs }, async () => {
      const listModels = optionalMethod(ctx, { name: 'listModels', required: undefined, isRequest: isListing });
      if (!listModels) return;
      const models = await listModels({ signal: new AbortController().signal });
      expect(models.map((model) => model.id)).toEqual(expect.arrayContaining([...discovery.expectedIds]));
      expect(ctx.server.requests.some(isListing)).toBe(true);
    });
  });
}
