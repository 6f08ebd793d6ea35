/** The event that ends an OpenAI stream. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** Headers of an OpenAI SSE response. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/**
 * One SSE `data:` event. Objects are serialised as JSON; strings are sent as they are (so a
 * test can send `{not json`). A string with line breaks becomes several `data:` lines, which
 * a conforming reader joins back with `\n`.
 */
export function sseEncode(data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return `${text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;
}

/** An SSE comment line (`: text`), which readers must ignore; servers send them as keep-alives. */
export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}
