import { parseErrorBody, type ErrorBodyParser, type ProviderErrorBody } from '@modelmesh/provider-kit';

/** What a vendor's bodies say beyond the common reading: gets that reading and the body as a JSON object. */
export type ErrorBodyRefinement = (parsed: ProviderErrorBody | undefined, body: Readonly<Record<string, unknown>>) => ProviderErrorBody | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An error-body parser for a vendor whose bodies are OpenAI-like with extras: provider-kit's
 * parser reads the common part, then `refine` gets that reading and the body (parsed from
 * JSON text if need be) to say more, e.g. quote an upstream provider's message. A body that
 * is not a JSON object keeps the common reading.
 *
 * @example
 * ```ts
 * export const parseAcmeError = refineErrorBody((parsed, body) =>
 *   typeof body['hint'] === 'string' ? { ...parsed, message: `${parsed?.message ?? 'error'} (${body['hint']})` } : parsed,
 * );
 * ```
 */
export function refineErrorBody(refine: ErrorBodyRefinement): ErrorBodyParser {
  return (body) => {
    const parsed = parseErrorBody(body);
    let value = body;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        return parsed;
      }
    }
    return isRecord(value) ? refine(parsed, value) : parsed;
  };
}
