import { UnsupportedFunctionalityError, type LanguageModelV2Prompt, type LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ChatCompletionContentPart, ChatCompletionMessageParam, ChatCompletionMessageToolCall } from '@modelmesh/core';

type Prompt = LanguageModelV3Prompt | LanguageModelV2Prompt;
type AnyMessage = Prompt[number];
type UserPart = Extract<AnyMessage, { role: 'user' }>['content'][number];
type FilePart = Extract<UserPart, { type: 'file' }>;
type ToolOutput = Extract<Extract<AnyMessage, { role: 'tool' }>['content'][number], { type: 'tool-result' }>['output'];

/** Base64 of bytes, without Node's Buffer so the package also runs in browsers and edge runtimes. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A file's data as a URL the OpenAI wire accepts: the URL itself, or a data URL. */
function fileUrl(part: FilePart): string {
  if (part.data instanceof URL) return part.data.toString();
  const base64 = typeof part.data === 'string' ? part.data : toBase64(part.data);
  return `data:${part.mediaType};base64,${base64}`;
}

function convertFile(part: FilePart): ChatCompletionContentPart {
  if (part.mediaType.startsWith('image/')) return { type: 'image_url', image_url: { url: fileUrl(part) } };
  if (part.mediaType === 'application/pdf') {
    if (part.data instanceof URL) throw new UnsupportedFunctionalityError({ functionality: 'PDF files by URL (pass the bytes instead)' });
    return { type: 'file', file: { file_data: fileUrl(part), filename: part.filename ?? 'document.pdf' } };
  }
  if ((part.mediaType === 'audio/wav' || part.mediaType === 'audio/mpeg' || part.mediaType === 'audio/mp3') && !(part.data instanceof URL)) {
    const data = typeof part.data === 'string' ? part.data : toBase64(part.data);
    return { type: 'input_audio', input_audio: { data, format: part.mediaType === 'audio/wav' ? 'wav' : 'mp3' } };
  }
  throw new UnsupportedFunctionalityError({ functionality: `file parts of media type ${part.mediaType}` });
}

/** A tool result as the text of an OpenAI `tool` message. */
function toolOutputText(output: ToolOutput): string {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'execution-denied':
      return output.reason ?? 'The tool call was denied.';
    case 'content':
      return output.value.map((part) => (part.type === 'text' ? part.text : JSON.stringify(part))).join('\n');
  }
}

function convertAssistant(message: Extract<AnyMessage, { role: 'assistant' }>): ChatCompletionMessageParam {
  let text = '';
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  for (const part of message.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool-call' && part.providerExecuted !== true) {
      toolCalls.push({ id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: JSON.stringify(part.input ?? {}) } });
    }
    // Reasoning, files and provider-executed tool results are not sent back: the OpenAI wire has no place for them.
  }
  return { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) };
}

/** Converts an AI SDK prompt (V3 or V2) to the OpenAI-shaped messages the mesh routes. */
export function convertToMeshMessages(prompt: Prompt): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  for (const message of prompt as readonly AnyMessage[]) {
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        const parts = message.content as readonly UserPart[];
        const onlyText = parts.every((part) => part.type === 'text');
        messages.push({
          role: 'user',
          content: onlyText
            ? parts.map((part) => (part.type === 'text' ? part.text : '')).join('')
            : parts.map((part) => (part.type === 'text' ? { type: 'text', text: part.text } : convertFile(part))),
        });
        break;
      }
      case 'assistant':
        messages.push(convertAssistant(message));
        break;
      case 'tool':
        for (const part of message.content) {
          if (part.type === 'tool-result') messages.push({ role: 'tool', tool_call_id: part.toolCallId, content: toolOutputText(part.output) });
        }
        break;
    }
  }
  return messages;
}
