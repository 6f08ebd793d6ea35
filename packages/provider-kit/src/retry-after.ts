import { type HeaderSource, readHeader } from './header-source.js';

/**
 * How long the provider asked us to wait, in seconds, from its response headers:
 * `retry-after-ms` (OpenAI, Azure; the most precise, so it wins), then `retry-after` as
 * delta-seconds or as an HTTP date relative to `now` (ms since epoch). Returns undefined
 * when there is no usable hint; a date in the past means "now" (0).
 */
export function parseRetryAfter(headers: HeaderSource, now: number): number | undefined {
  const ms = readHeader(headers, 'retry-after-ms')?.trim();
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Number(ms) / 1000;
  const value = readHeader(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  // Only accept real HTTP dates: Date.parse also accepts odd strings like "1".
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - now) / 1000);
}

/**
 * A wait hint in an error message, as OpenAI and Groq write it ("Please try again in
 * 20s", "try again in 1.5s", "retry after 350ms"). Used when a 429 has no header.
 */
export function parseRetryAfterFromMessage(message: string): number | undefined {
  const match = /(?:try again|retry) (?:in|after) (\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|sec|seconds?)\b/i.exec(message);
  if (!match) return undefined;
  const amount = Number(match[1]);
  return (match[2] ?? 's').toLowerCase().startsWith('m') ? amount / 1000 : amount;
}
