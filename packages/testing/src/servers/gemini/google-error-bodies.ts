/** A `google.rpc.Status` detail, e.g. `RetryInfo`, `ErrorInfo`, `QuotaFailure`, `Help`. */
export type GoogleErrorDetail = { readonly '@type': string } & Readonly<Record<string, unknown>>;

/** The error body every Google API answers failures with. */
export interface GoogleErrorBody {
  readonly error: {
    readonly code: number;
    readonly message: string;
    /** Canonical status name, e.g. `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`. */
    readonly status: string;
    readonly details?: readonly GoogleErrorDetail[];
  };
}

/** Builds `{ error: { code, message, status, details } }`. */
export function googleErrorBody(code: number, message: string, status: string, details?: readonly GoogleErrorDetail[]): GoogleErrorBody {
  return { error: { code, message, status, ...(details === undefined || details.length === 0 ? {} : { details }) } };
}

/** Canonical status names by HTTP status, as Google maps them. */
export const GOOGLE_STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The messages the Gemini API sends for each status when nothing more specific applies. */
const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Request contains an invalid argument.',
  401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'The request timed out. Please try again.',
};

/** The HTML page Google's front end answers a 502 with (not JSON, as a real gateway error). */
export const GOOGLE_502_PAGE =
  '<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 502 (Server Error)!!1</title>\n  <p><b>502.</b> <ins>That’s an error.</ins>\n  <p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>\n';

/** The default body (and its content type) for a status: Google's JSON error, or its HTML page for 502. */
export function defaultGoogleErrorBody(status: number): { body: unknown; contentType: string } {
  if (status === 502) return { body: GOOGLE_502_PAGE, contentType: 'text/html; charset=UTF-8' };
  const name = GOOGLE_STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN');
  const message = DEFAULT_MESSAGES[status] ?? (status >= 500 ? DEFAULT_MESSAGES[500] : 'Unknown error.') ?? '';
  return { body: googleErrorBody(status, message, name), contentType: 'application/json; charset=UTF-8' };
}

/** A `google.rpc.RetryInfo` detail: `retryDelay` as a protobuf Duration (`"20s"`, `"1.5s"`). */
export function retryInfo(retryDelay: string | number): GoogleErrorDetail {
  return { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: typeof retryDelay === 'number' ? `${retryDelay}s` : retryDelay };
}

/** Gemini's 429 for a used-up free-tier quota, with `QuotaFailure`, `Help` and (when given) `RetryInfo`. */
export function quotaExceededBody(model: string, retryDelay?: string | number): GoogleErrorBody {
  const details: GoogleErrorDetail[] = [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
          quotaDimensions: { location: 'global', model },
          quotaValue: '10',
        },
      ],
    },
    { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] },
  ];
  if (retryDelay !== undefined) details.push(retryInfo(retryDelay));
  return googleErrorBody(
    429,
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
    'RESOURCE_EXHAUSTED',
    details,
  );
}

/** Gemini's 400 for a key it does not know (it is a 400, not a 401), with the `API_KEY_INVALID` reason. */
export function invalidApiKeyBody(): GoogleErrorBody {
  return googleErrorBody(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT', [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
  ]);
}

/** Gemini's 403 for a request without any key. */
export function missingApiKeyBody(): GoogleErrorBody {
  return googleErrorBody(
    403,
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    'PERMISSION_DENIED',
  );
}

/** Gemini's 400 for a prompt over the model's input limit. */
export function tokenLimitBody(inputTokens = 1_185_337, limit = 1_048_576): GoogleErrorBody {
  return googleErrorBody(400, `The input token count (${inputTokens}) exceeds the maximum number of tokens allowed (${limit}).`, 'INVALID_ARGUMENT');
}

/** Gemini's 404 for a model it does not serve (or that does not support the method). */
export function modelNotFoundBody(model: string, method: string, version = 'v1beta'): GoogleErrorBody {
  return googleErrorBody(
    404,
    `models/${model} is not found for API version ${version}, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
    'NOT_FOUND',
  );
}
