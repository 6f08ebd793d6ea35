import { ProviderError } from '@modelmesh/provider';

/**
 * Gives a vendor the last word on how an error is classified: returns the error to throw
 * instead (or the same one). It sees every ModelMesh provider error a call of the provider
 * throws (HTTP errors, error payloads, broken streams), including those thrown while a stream
 * is read; other values (a caller's abort reason) are thrown as they are.
 *
 * @example
 * ```ts
 * // xAI answers a wrong API key with HTTP 400:
 * const reclassifyError: ErrorReclassifier = (error) =>
 *   ProviderHttpError.isInstance(error) && error.status === 400 && /api key/i.test(error.message)
 *     ? new AuthenticationError({ providerId: error.providerId, status: 400, message: error.message, cause: error })
 *     : error;
 * ```
 */
export type ErrorReclassifier = (error: ProviderError) => ProviderError;

/** `error` as `reclassify` sees it when it is a provider error; anything else unchanged. */
export function reclassified(error: unknown, reclassify: ErrorReclassifier | undefined): unknown {
  return reclassify !== undefined && ProviderError.isInstance(error) ? reclassify(error) : error;
}

/** Runs a provider call, passing what it throws through {@link reclassified}. */
export async function reclassifying<T>(reclassify: ErrorReclassifier | undefined, run: () => Promise<T>): Promise<T> {
  if (reclassify === undefined) return run();
  try {
    return await run();
  } catch (error) {
    throw reclassified(error, reclassify);
  }
}
