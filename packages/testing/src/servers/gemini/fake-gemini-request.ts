/** What the fake Gemini server needs to know of a `generateContent` body. */
export interface GeminiRequestView {
  /** The model of the URL. */
  readonly model: string;
  /** Text of the last `user` turn ('' when there is none). */
  readonly lastUserText: string;
  /** All text of the contents and the system instruction, for the prompt token estimate. */
  readonly promptText: string;
  /** `generationConfig.candidateCount`, at least 1. */
  readonly candidateCount: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text parts of a `Content`, joined with spaces. */
function textOf(content: unknown): string {
  const parts = isRecord(content) && Array.isArray(content['parts']) ? content['parts'] : [];
  return parts
    .map((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter((text) => text !== '')
    .join(' ');
}

/** Reads a `generateContent` body leniently: the server answers whatever it can. */
export function readGeminiRequest(body: unknown, model: string): GeminiRequestView {
  const root = isRecord(body) ? body : {};
  const contents = Array.isArray(root['contents']) ? root['contents'].filter(isRecord) : [];
  const lastUser = [...contents].reverse().find((c) => c['role'] === 'user' || c['role'] === undefined);
  const config = isRecord(root['generationConfig']) ? root['generationConfig'] : {};
  const count = typeof config['candidateCount'] === 'number' && config['candidateCount'] > 1 ? Math.floor(config['candidateCount']) : 1;
  return {
    model,
    lastUserText: lastUser ? textOf(lastUser) : '',
    promptText: [textOf(root['systemInstruction']), ...contents.map(textOf)].filter((t) => t !== '').join('\n'),
    candidateCount: count,
  };
}

/**
 * Why Gemini would refuse a `generateContent` body before generating (HTTP 400), or undefined:
 * no `contents`, a role other than `user` / `model`, a turn without parts.
 */
export function invalidGenerateContent(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Invalid JSON payload received. Expected an object.';
  const contents = body['contents'];
  if (!Array.isArray(contents) || contents.length === 0) return '* GenerateContentRequest.contents: contents is not specified\n';
  for (const [index, content] of contents.entries()) {
    if (!isRecord(content)) return `Invalid value at 'contents[${index}]'`;
    const role = content['role'];
    if (role !== undefined && role !== 'user' && role !== 'model') return 'Please use a valid role: user, model.';
    if (!Array.isArray(content['parts']) || content['parts'].length === 0) return `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.\n`;
  }
  return undefined;
}

/** About four characters a token, at least one. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
