import { InvalidRequestError, type ChatCompletionContentPart, type ChatCompletionContentPartFile, type ChatCompletionContentPartImage } from '@modelmesh/provider';
import type { AnthropicContentBlock, AnthropicDocumentBlock, AnthropicImageBlock, AnthropicTextBlock } from './anthropic-wire.js';

/** The image types the Messages API accepts as base64. */
export const ANTHROPIC_IMAGE_MEDIA_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** `data:<media type>;base64,<data>` → its parts; undefined for anything else. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]*)*);base64,(.*)$/s.exec(url);
  if (match === null) return undefined;
  return { mediaType: (match[1] ?? '').toLowerCase(), data: match[3] ?? '' };
}

/**
 * An OpenAI `image_url` → an Anthropic image block: a base64 data URL becomes
 * `source: { type: 'base64', media_type, data }`, an http(s) URL `source: { type: 'url', url }`.
 * `detail` has no equivalent and is dropped.
 */
export function toImageBlock(url: string, param: string): AnthropicImageBlock {
  const inline = parseDataUrl(url);
  if (inline !== undefined) {
    if (!ANTHROPIC_IMAGE_MEDIA_TYPES.has(inline.mediaType)) {
      throw new InvalidRequestError({ param, message: `Anthropic accepts JPEG, PNG, GIF and WebP images, not ${inline.mediaType}` });
    }
    return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new InvalidRequestError({ param, message: 'An image must be an http(s) URL or a base64 data URL' });
}

/** The inverse of {@link toImageBlock}: an Anthropic image block → an OpenAI `image_url` part (base64 as a data URL). */
export function fromImageBlock(block: AnthropicImageBlock): ChatCompletionContentPartImage {
  const { source } = block;
  return { type: 'image_url', image_url: { url: source.type === 'url' ? source.url : `data:${source.media_type};base64,${source.data}` } };
}

/** The inverse of the document conversion: a base64 PDF document block → an OpenAI `file` part. */
export function fromDocumentBlock(block: AnthropicDocumentBlock): ChatCompletionContentPartFile {
  return { type: 'file', file: { file_data: `data:${block.source.media_type};base64,${block.source.data}`, ...(block.title === undefined ? {} : { filename: block.title }) } };
}

/** An OpenAI `file` part holding a base64 PDF → a document block (the only file input the Messages API takes inline). */
function toDocumentBlock(file: { file_data?: string; file_id?: string; filename?: string }, param: string): AnthropicDocumentBlock {
  const inline = file.file_data === undefined ? undefined : parseDataUrl(file.file_data);
  if (inline === undefined || inline.mediaType !== 'application/pdf') {
    throw new InvalidRequestError({ param, message: 'Anthropic takes files only as base64 PDF data URLs in file_data (file ids are OpenAI-only)' });
  }
  return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: inline.data }, ...(file.filename === undefined ? {} : { title: file.filename }) };
}

/** True for text the API accepts in a text block: it rejects empty and whitespace-only ones. */
export const hasText = (text: string): boolean => /\S/.test(text);

/** Text blocks of text parts, empty and whitespace-only ones left out (the API rejects them). */
export function textBlocks(content: string | ReadonlyArray<{ type: 'text'; text: string } | { type: 'refusal'; refusal: string }> | null | undefined): AnthropicTextBlock[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return hasText(content) ? [{ type: 'text', text: content }] : [];
  return content.flatMap((part) => (part.type === 'text' && hasText(part.text) ? [{ type: 'text' as const, text: part.text }] : []));
}

/** A user message's content → Anthropic blocks: text, images (base64 or URL) and PDF documents. Audio has no equivalent. */
export function userContentBlocks(content: string | readonly ChatCompletionContentPart[], param: string): AnthropicContentBlock[] {
  if (typeof content === 'string') return hasText(content) ? [{ type: 'text', text: content }] : [];
  return content.flatMap((part, index): AnthropicContentBlock[] => {
    const at = `${param}[${index}]`;
    switch (part.type) {
      case 'text':
        return hasText(part.text) ? [{ type: 'text', text: part.text }] : [];
      case 'image_url':
        return [toImageBlock(part.image_url.url, at)];
      case 'file':
        return [toDocumentBlock(part.file, at)];
      case 'input_audio':
        throw new InvalidRequestError({ param: at, message: 'Anthropic models do not take audio input' });
      default:
        throw new InvalidRequestError({ param: at, message: `Unsupported content part type "${(part as { type: string }).type}"` });
    }
  });
}
