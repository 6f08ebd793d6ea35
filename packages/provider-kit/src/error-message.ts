import { redactText } from '@modelmesh/provider';

/** The longest excerpt of a provider's message (or body) an error message carries. */
export const MAX_MESSAGE_CHARS = 500;

/**
 * Makes provider-supplied text safe to put in an error: known secrets (the API key) and
 * secret-looking tokens are masked, whitespace is collapsed, and the text is cut to
 * {@link MAX_MESSAGE_CHARS} so a huge HTML error page never lands in a log line.
 */
export function safeExcerpt(textValue: string, secrets: readonly string[] = [], max = MAX_MESSAGE_CHARS): string {
  // Redact before cutting, so a secret straddling the cut cannot survive half-masked.
  const clean = redactText(textValue, secrets).replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max)}… (${clean.length - max} more chars)`;
}
