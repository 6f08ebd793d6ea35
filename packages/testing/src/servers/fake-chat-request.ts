/** What the fake server needs to know of a chat request body. */
export interface ChatRequestView {
  readonly model: string | undefined;
  /** Text of the last user message ('' when there is none). */
  readonly lastUserText: string;
  /** All message text, for the prompt token estimate. */
  readonly promptText: string;
  readonly stream: boolean;
  /** `stream_options.include_usage === true`. */
  readonly includeUsage: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a message's `content`: a string, or the `text` of its text parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter((text) => text !== '')
    .join(' ');
}

/** Reads a chat request body leniently: the server answers whatever it can. */
export function readChatRequest(body: unknown): ChatRequestView {
  const root = isRecord(body) ? body : {};
  const messages = Array.isArray(root['messages']) ? (root['messages'] as unknown[]).filter(isRecord) : [];
  const lastUser = [...messages].reverse().find((m) => m['role'] === 'user');
  const options = root['stream_options'];
  return {
    model: typeof root['model'] === 'string' ? root['model'] : undefined,
    lastUserText: lastUser ? textOf(lastUser['content']) : '',
    promptText: messages.map((m) => textOf(m['content'])).join('\n'),
    stream: root['stream'] === true,
    includeUsage: isRecord(options) && options['include_usage'] === true,
  };
}

/** About four characters a token, at least one: a deterministic stand-in for a tokenizer. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
