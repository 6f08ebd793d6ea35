import type { ChatCompletion, ChatCompletionCreateParams } from '@modelmesh/core';

/** Cuts `text` to `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more)`;
}

/** The last user message's text (the part of a prompt worth a log line). */
export function promptPreview(params: ChatCompletionCreateParams, max: number): string | undefined {
  for (let i = params.messages.length - 1; i >= 0; i--) {
    const message = params.messages[i];
    if (message?.role !== 'user') continue;
    const { content } = message;
    const text = typeof content === 'string' ? content : content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join(' ');
    return truncate(text, max);
  }
  return undefined;
}

/** The first choice's text. */
export function answerPreview(completion: ChatCompletion | undefined, max: number): string | undefined {
  const content = completion?.choices[0]?.message.content;
  return typeof content === 'string' ? truncate(content, max) : undefined;
}
