import { InvalidRequestError } from '@modelmesh/provider';

/** How a serialisation failure reads to the caller (V8's own messages name no values). */
function reason(error: unknown): string {
  if (error instanceof RangeError) return 'it is nested too deeply or too large';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Serialises a JSON request body. A body that cannot be serialised (nesting deep enough to
 * overflow the stack, a cycle, a BigInt) is the request's fault, not the provider's: it
 * becomes an InvalidRequestError, which the router surfaces without counting it against
 * the model's health, instead of a "could not be reached" connection error.
 */
export function stringifyJsonBody(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new InvalidRequestError({ message: `The request body cannot be sent as JSON: ${reason(error)}`, cause: error });
  }
}
