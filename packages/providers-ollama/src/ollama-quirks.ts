import type { ParamRenames } from '@modelmesh/providers-openai-compatible/internal';

/*
 * Where Ollama's OpenAI-compatible endpoint (`/v1`, docs.ollama.com/api/openai-compatibility)
 * differs from OpenAI's. It ignores fields it does not know instead of rejecting them, so
 * nothing needs dropping; but it reads the output cap only from `max_tokens`, so a caller's
 * `max_completion_tokens` would be silently ignored: it is sent as `max_tokens`.
 */

/** Where Ollama listens by default. */
export const OLLAMA_DEFAULT_HOST = 'http://127.0.0.1:11434';

/** `max_completion_tokens` → `max_tokens` (an explicit `max_tokens` wins); everything else untouched. */
export const OLLAMA_RENAMED_PARAMS: ParamRenames = { chat: { max_completion_tokens: 'max_tokens' } };

/**
 * Reads `OLLAMA_HOST` as Ollama's own CLI does: `host`, `host:port`, `:port` or a URL with a
 * scheme (and optionally a path prefix); without a scheme it is `http` on port 11434, with
 * `http://` or `https://` and no port it is that scheme's port. Ollama servers are often
 * started with `OLLAMA_HOST=0.0.0.0` (listen everywhere); a client cannot connect to that
 * address everywhere, so it becomes 127.0.0.1 (`[::]` becomes `[::1]`). Empty: the default
 * `http://127.0.0.1:11434`. Returns the server's root URL, without a trailing slash.
 */
export function ollamaHostUrl(value: string | undefined): string {
  const raw = value?.trim() ?? '';
  if (raw === '') return OLLAMA_DEFAULT_HOST;
  let scheme = 'http';
  let rest = raw;
  let port = '11434';
  const cut = raw.indexOf('://');
  if (cut >= 0) {
    scheme = raw.slice(0, cut).toLowerCase();
    rest = raw.slice(cut + 3);
    port = scheme === 'https' ? '443' : '80';
  }
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash).replace(/\/+$/, '') : '';
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(hostPort);
  let host = match?.[1] ?? hostPort;
  if (match?.[2] !== undefined) port = match[2];
  if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
  if (host === '[::]') host = '[::1]';
  const defaultPort = (scheme === 'http' && port === '80') || (scheme === 'https' && port === '443');
  return `${scheme}://${host}${defaultPort ? '' : `:${port}`}${path}`;
}

/** The OpenAI-compatible endpoint of an Ollama server: its root plus `/v1`. */
export const ollamaOpenAIUrl = (host: string): string => `${host.replace(/\/+$/, '')}/v1`;

/** The server root of an OpenAI-compatible endpoint URL (`…/v1` removed). */
export const ollamaRootOf = (baseUrl: string): string => baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
