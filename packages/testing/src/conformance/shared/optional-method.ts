import type { Provider } from '@modelmesh/core';
import { expect } from 'vitest';
import type { FakeLoggedRecord } from '../../servers/fake-request-log.js';
import type { WireCheckContext } from './wire-check-context.js';

/**
 * How the checks of an optional Provider method (`embed`, `listModels`) treat a provider without it.
 *
 * A check is registered only when the provider may have the method: when a feature flag says it
 * has none (`features.embeddings: false`) the check is not registered at all. When the flag says
 * it has one (`true`), a provider without it fails the check. When nothing says (the provider is
 * only built in `beforeAll`, after registration), the check is registered and, for a provider
 * without the method, asserts the documented alternative instead of skipping: the provider has no
 * such method and the server received no request for it.
 */
export interface OptionalMethod<R> {
  /** The method's name, for messages. */
  readonly name: 'embed' | 'listModels';
  /** The feature flag: `true` when the provider must have the method, `undefined` when unknown. */
  readonly required: boolean | undefined;
  /** Whether a recorded request is one the method would send. */
  readonly isRequest: (request: R) => boolean;
}

/**
 * The provider's method bound to it; or, when it has none and it was not required, `undefined`
 * once the alternative is asserted (no such method, no such request). Throws when it was required.
 */
export function optionalMethod<K extends 'embed' | 'listModels', S, R extends FakeLoggedRecord>(
  ctx: WireCheckContext<S, R>,
  method: OptionalMethod<R> & { readonly name: K },
): NonNullable<Provider[K]> | undefined {
  const found = ctx.provider[method.name]?.bind(ctx.provider) as NonNullable<Provider[K]> | undefined;
  if (found) return found;
  if (method.required === true) throw new Error(`features.${method.name === 'embed' ? 'embeddings' : method.name} is true but the provider has no ${method.name}()`);
  expect(ctx.provider[method.name], `the provider has no ${method.name}()`).toBeUndefined();
  expect(ctx.server.requests.filter(method.isRequest), `no ${method.name} request without ${method.name}()`).toEqual([]);
  return undefined;
}
