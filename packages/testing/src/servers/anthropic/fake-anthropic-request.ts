/** What the fake Anthropic server needs to know of a Messages request body. */
export interface AnthropicRequestView {
  readonly model: string | undefined;
  /** Text of the last user turn, tool results left out ('' when there is none). */
  readonly lastUserText: string;
  /** All system and message text, for the prompt token estimate. */
  readonly promptText: string;
  readonly stream: boolean;
  readonly stopSequences: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of `content`: a string, or the `text` of its text blocks. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block: unknown) => (isRecord(block) && block['type'] === 'text' && typeof block['text'] === 'string' ? block['text'] : ''))
    .filter((text) => text !== '')
    .join(' ');
}

/** Reads a Messages request body leniently: the server answers whatever it can. */
export function readAnthropicRequest(body: unknown): AnthropicRequestView {
  const root = isRecord(body) ? body : {};
  const messages = Array.isArray(root['messages']) ? (root['messages'] as unknown[]).filter(isRecord) : [];
  const lastUser = [...messages].reverse().find((m) => m['role'] === 'user' && textOf(m['content']) !== '');
  const stops = Array.isArray(root['stop_sequences']) ? root['stop_sequences'].filter((s): s is string => typeof s === 'string') : [];
  return {
    model: typeof root['model'] === 'string' ? root['model'] : undefined,
    lastUserText: lastUser ? textOf(lastUser['content']) : '',
    promptText: [textOf(root['system']), ...messages.map((m) => textOf(m['content']))].filter((t) => t !== '').join('\n'),
    stream: root['stream'] === true,
    stopSequences: stops,
  };
}
