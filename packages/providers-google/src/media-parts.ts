import type { GeminiPart } from './gemini-types.js';

/** MIME types by file extension, for media Gemini reads (images, audio, video, documents). */
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  gif: 'image/gif',
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  aiff: 'audio/aiff',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  mov: 'video/mov',
  webm: 'video/webm',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

/** The MIME type a URL's (or file name's) extension implies, ignoring query and fragment; undefined when unknown. */
export function mimeTypeFromName(name: string): string | undefined {
  const path = name.split(/[?#]/, 1)[0] ?? '';
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
}

/** Base64 of bytes, with the runtime's `btoa` (edge-safe, no Buffer). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** A parsed `data:` URL. */
export interface DataUrl {
  mimeType: string;
  /** The payload, base64-encoded (a percent-encoded payload is re-encoded). */
  data: string;
}

/** Parses `data:<mime>[;base64],<payload>`; undefined when `url` is not a data URL. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^,]*?),(.*)$/is.exec(url);
  if (!match) return undefined;
  const meta = (match[1] ?? '').split(';').map((s) => s.trim());
  const payload = match[2] ?? '';
  const base64 = meta.slice(1).some((p) => p.toLowerCase() === 'base64');
  const mimeType = meta[0] === '' || meta[0] === undefined ? 'text/plain' : meta[0].toLowerCase();
  return { mimeType, data: base64 ? payload.replace(/\s+/g, '') : bytesToBase64(new TextEncoder().encode(decodeURIComponent(payload))) };
}

/**
 * The part for a media reference: a data URL becomes `inlineData { mimeType, data }`; any
 * other URL (an http(s) URL, a Files API URI) becomes `fileData { fileUri, mimeType }`, with
 * the MIME type inferred from the extension (or from `fallbackName`, e.g. a file name) and
 * left out when it cannot be inferred: Gemini then decides, and answers 400 if it must know.
 */
export function mediaPart(url: string, fallbackName?: string): GeminiPart {
  const inline = parseDataUrl(url);
  if (inline) return { inlineData: inline };
  const mimeType = mimeTypeFromName(url) ?? (fallbackName === undefined ? undefined : mimeTypeFromName(fallbackName));
  return { fileData: mimeType === undefined ? { fileUri: url } : { fileUri: url, mimeType } };
}
