/** Prefix of the tool-call ids this package makes up for function calls that came without one. */
export const GENERATED_TOOL_CALL_PREFIX = 'call_gemini_';

/**
 * The OpenAI tool-call id of a Gemini function call: Gemini's own `functionCall.id` when it
 * sent one, otherwise `call_gemini_<response>_<candidate>_<n>`, where `<response>` is the
 * response's `responseId` (or a per-response token when there is none). The same response
 * therefore always gets the same ids, in JSON and in a stream alike.
 */
export function toolCallId(given: string | undefined, responseKey: string, candidate: number, position: number): string {
  if (given !== undefined && given !== '') return given;
  return `${GENERATED_TOOL_CALL_PREFIX}${responseKey.replace(/[^A-Za-z0-9_-]/g, '')}_${candidate}_${position}`;
}

/**
 * True for ids this package made up. Those are never sent back to Gemini (it matches function
 * responses by name and order); any other id (Gemini's own, or another vendor's in a mixed
 * conversation) is sent back as `functionCall.id` / `functionResponse.id`.
 */
export function isGeneratedToolCallId(id: string): boolean {
  return id.startsWith(GENERATED_TOOL_CALL_PREFIX);
}

let counter = 0;

/** A token for ids when the response has no `responseId`: unique in this process, and random across processes. */
export function localResponseKey(now: number): string {
  counter = (counter + 1) % 1_000_000;
  const random = typeof globalThis.crypto?.randomUUID === 'function' ? globalThis.crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `${now.toString(36)}${counter.toString(36)}${random}`;
}

/** Where Google's OpenAI-compatible API puts a function call's thought signature; read back from assistant messages. */
export interface ToolCallExtraContent {
  extra_content?: { google?: { thought_signature?: string } };
}

/** The thought signature an assistant tool call carries in `extra_content.google.thought_signature`, if any. */
export function thoughtSignatureOf(call: unknown): string | undefined {
  const signature = (call as ToolCallExtraContent | undefined)?.extra_content?.google?.thought_signature;
  return typeof signature === 'string' && signature !== '' ? signature : undefined;
}
