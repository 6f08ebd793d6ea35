import { InvalidRequestError, type ChatCompletionAssistantMessageParam, type ChatCompletionContentPart, type ChatCompletionMessageParam, type ChatCompletionToolMessageParam } from '@modelmesh/provider';
import type { GeminiContent, GeminiPart } from './gemini-types.js';
import { mediaPart } from './media-parts.js';
import { isGeneratedToolCallId, thoughtSignatureOf } from './tool-call-ids.js';

/** The conversation in Gemini's terms. */
export interface GeminiConversation {
  contents: GeminiContent[];
  /** System and developer messages, in order, one text part each; undefined when there are none. */
  systemInstruction?: GeminiContent;
}

type TextOnly = string | ReadonlyArray<{ type: string; text?: string; refusal?: string }> | null | undefined;

/** The text of a string or a list of text (and refusal) parts, joined without separators as OpenAI does. */
function plainText(content: TextOnly): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? part.refusal ?? '').join('');
}

/** Parses tool-call arguments into the JSON object Gemini's `args` must be. */
function parseArguments(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (cause) {
    throw new InvalidRequestError({ param, message: `Tool call arguments are not JSON, so they cannot be sent to Gemini: ${param}`, cause });
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
}

/**
 * A tool's result as Gemini's `functionResponse.response`, which must be a JSON object: a JSON
 * object result is sent as it is (the whole object is then the function's output), anything
 * else (text, a number, a list) as `{ output: <value> }`, as the API reference describes.
 */
export function toolResponseObject(content: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(content) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return { output: parsed };
  } catch {
    return { output: content };
  }
}

function userParts(content: string | ChatCompletionContentPart[], index: number): GeminiPart[] {
  if (typeof content === 'string') return [{ text: content }];
  return content.map((part, partIndex): GeminiPart => {
    const param = `messages[${index}].content[${partIndex}]`;
    switch (part.type) {
      case 'text':
        return { text: part.text };
      case 'image_url':
        return mediaPart(part.image_url.url);
      case 'input_audio':
        return { inlineData: { mimeType: part.input_audio.format === 'mp3' ? 'audio/mp3' : 'audio/wav', data: part.input_audio.data } };
      case 'file': {
        if (part.file.file_data !== undefined) return mediaPart(part.file.file_data, part.file.filename);
        if (part.file.file_id !== undefined) return mediaPart(part.file.file_id, part.file.filename);
        throw new InvalidRequestError({ param, message: `A file part needs file_data or file_id: ${param}` });
      }
      default:
        throw new InvalidRequestError({ param, message: `Gemini cannot take content parts of type "${(part as { type: string }).type}": ${param}` });
    }
  });
}

function assistantParts(message: ChatCompletionAssistantMessageParam, index: number): GeminiPart[] {
  const parts: GeminiPart[] = [];
  const text = plainText(message.content ?? (message.refusal === null ? undefined : message.refusal));
  if (text !== '') parts.push({ text });
  (message.tool_calls ?? []).forEach((call, callIndex) => {
    const param = `messages[${index}].tool_calls[${callIndex}]`;
    if (call.type !== 'function') throw new InvalidRequestError({ param, message: `Gemini has no custom tools; tool call ${param} cannot be sent` });
    const functionCall = {
      ...(isGeneratedToolCallId(call.id) ? {} : { id: call.id }),
      name: call.function.name,
      args: parseArguments(call.function.arguments, `${param}.function.arguments`),
    };
    const signature = thoughtSignatureOf(call);
    parts.push(signature === undefined ? { functionCall } : { functionCall, thoughtSignature: signature });
  });
  if (message.function_call) {
    const { name, arguments: args } = message.function_call;
    parts.push({ functionCall: { name, args: parseArguments(args, `messages[${index}].function_call.arguments`) } });
  }
  return parts;
}

/** Function names by tool-call id, from every assistant turn before `upTo`. */
function callNames(messages: readonly ChatCompletionMessageParam[], upTo: number): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages.slice(0, upTo)) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) names.set(call.id, call.type === 'function' ? call.function.name : call.custom.name);
  }
  return names;
}

function toolPart(message: ChatCompletionToolMessageParam, index: number, messages: readonly ChatCompletionMessageParam[]): GeminiPart {
  const name = callNames(messages, index).get(message.tool_call_id);
  if (name === undefined) {
    throw new InvalidRequestError({
      param: `messages[${index}].tool_call_id`,
      message: `Tool result messages[${index}] answers "${message.tool_call_id}", which no earlier assistant tool call has; Gemini needs the function's name`,
    });
  }
  const id = isGeneratedToolCallId(message.tool_call_id) ? {} : { id: message.tool_call_id };
  return { functionResponse: { ...id, name, response: toolResponseObject(plainText(message.content)) } };
}

/** Appends a turn, merging it into the previous one when both have the same role (Gemini expects turns to alternate). */
function push(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last !== undefined && last.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

/**
 * Converts OpenAI chat messages to Gemini's `contents` and `systemInstruction`:
 *
 * - `system` and `developer` messages (wherever they are) become `systemInstruction`, one text part each;
 * - `user` → role `user`: text parts, images (a data URL → `inlineData`, any other URL → `fileData`
 *   with the MIME type inferred from the extension), `input_audio` → `inlineData` (`audio/wav` / `audio/mp3`),
 *   `file` parts (data URL or a Files API URI) likewise;
 * - `assistant` → role `model`: its text, then a `functionCall` part per tool call (arguments parsed
 *   to an object; the call's `extra_content.google.thought_signature`, if any, is sent back as `thoughtSignature`);
 * - `tool` (and the deprecated `function`) → a `functionResponse` part in a `user` turn, named after the
 *   assistant tool call it answers; consecutive results share one turn, as Gemini expects;
 * - consecutive turns of the same role are merged, and an assistant turn with nothing in it is left out.
 *
 * Tool-call ids this package generated are not sent back (see {@link isGeneratedToolCallId}); other ids are.
 * Throws InvalidRequestError for what Gemini cannot take (custom tool calls, unparseable arguments,
 * a tool result answering no known call).
 */
export function toGeminiConversation(messages: readonly ChatCompletionMessageParam[]): GeminiConversation {
  const contents: GeminiContent[] = [];
  const system: GeminiPart[] = [];
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push({ text: plainText(message.content) });
        return;
      case 'user':
        push(contents, 'user', userParts(message.content, index));
        return;
      case 'assistant':
        push(contents, 'model', assistantParts(message, index));
        return;
      case 'tool':
        push(contents, 'user', [toolPart(message, index, messages)]);
        return;
      case 'function':
        push(contents, 'user', [{ functionResponse: { name: message.name, response: toolResponseObject(message.content ?? '') } }]);
        return;
    }
  });
  return system.length === 0 ? { contents } : { contents, systemInstruction: { parts: system } };
}
