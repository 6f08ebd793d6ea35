/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string | null;
    readonly param: string | null;
    readonly code: string | null;
  };
}

/** Builds an OpenAI error body. */
export function openAIErrorBody(message: string, type: string | null, code: string | null = null, param: string | null = null): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/** `sk-abc…wxyz` → `sk-***************wxyz`, as OpenAI echoes a wrong key. */
function maskKey(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

/** The 401 OpenAI sends for a missing (`undefined`) or wrong key. */
export function authErrorBody(sentKey: string | undefined): OpenAIErrorBody {
  if (sentKey === undefined) {
    return openAIErrorBody(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      'invalid_request_error',
    );
  }
  return openAIErrorBody(
    `Incorrect API key provided: ${maskKey(sentKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    'invalid_api_key',
  );
}

/** The 404 for a model the server does not serve. */
export function modelNotFoundBody(model: string): OpenAIErrorBody {
  return openAIErrorBody(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
}

/** OpenAI's 400 when the prompt does not fit. */
export function contextLengthBody(): OpenAIErrorBody {
  return openAIErrorBody(
    "This model's maximum context length is 128000 tokens. However, your messages resulted in 130532 tokens. Please reduce the length of the messages.",
    'invalid_request_error',
    'context_length_exceeded',
    'messages',
  );
}

/** Azure OpenAI's 400 when its content policy blocks the prompt (OpenAI uses the same `content_filter` code). */
export function contentFilterBody(): unknown {
  return {
    error: {
      message:
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
      type: null,
      param: 'prompt',
      code: 'content_filter',
      status: 400,
      innererror: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_result: {
          hate: { filtered: true, severity: 'high' },
          self_harm: { filtered: false, severity: 'safe' },
          sexual: { filtered: false, severity: 'safe' },
          violence: { filtered: false, severity: 'safe' },
        },
      },
    },
  };
}

/** A gateway's HTML error page: what a 502 from a load balancer in front of an API looks like. */
const BAD_GATEWAY_HTML = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

const DEFAULT_BODIES: Readonly<Record<number, OpenAIErrorBody>> = {
  400: openAIErrorBody("Invalid value for 'temperature': must be between 0 and 2.", 'invalid_request_error', 'invalid_value', 'temperature'),
  403: openAIErrorBody('Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory'),
  404: openAIErrorBody('The model `gpt-fake` does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'),
  408: openAIErrorBody('Request timed out.', 'timeout'),
  409: openAIErrorBody('Conflict: the request conflicts with another request in progress.', 'invalid_request_error'),
  422: openAIErrorBody('Unprocessable entity.', 'invalid_request_error'),
  // No "try again in Ns" in the text: a 429 without Retry-After must carry no hint at all.
  429: openAIErrorBody(
    'Rate limit reached for gpt-4o in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1.',
    'requests',
    'rate_limit_exceeded',
  ),
  500: openAIErrorBody('The server had an error while processing your request. Sorry about that!', 'server_error'),
  503: openAIErrorBody('That model is currently overloaded with other requests. You can retry your request.', 'server_error', 'overloaded'),
  504: openAIErrorBody('Gateway timeout.', 'server_error'),
};

/** The body and content type OpenAI (or the gateway in front of it) sends with an error status. */
export function defaultErrorBody(status: number): { body: unknown; contentType: string } {
  if (status === 401) return { body: authErrorBody('sk-wrong-key-0000'), contentType: 'application/json' };
  if (status === 502) return { body: BAD_GATEWAY_HTML, contentType: 'text/html' };
  const body = DEFAULT_BODIES[status] ?? openAIErrorBody(`HTTP ${status}`, status >= 500 ? 'server_error' : 'invalid_request_error');
  return { body, contentType: 'application/json' };
}
