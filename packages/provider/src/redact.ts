/** Keys whose values are always hidden, wherever they appear in a structure. */
const SECRET_KEY = /(api[-_]?key|secret|token|password|authorization|credential|x-goog-api-key|cookie)/i;

/** Secret-looking substrings hidden inside free text (bearer tokens and common key formats). */
const SECRET_TEXT: readonly RegExp[] = [
  /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\bgsk_[A-Za-z0-9]{10,}/g,
  /([?&](?:key|api_key|apikey|token)=)[^&\s"']+/gi,
];

/** The text that replaces a hidden secret. */
export const REDACTED = '[REDACTED]';

/** Hides secret-looking substrings in `text`, plus every exact value in `knownSecrets`. */
export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of SECRET_TEXT) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return out;
}

/**
 * Returns a deep copy of `value` with secret-keyed fields replaced and secret-looking text
 * masked. Used on everything ModelMesh prints or serialises: errors, explain(), describe().
 */
export function redactSecrets(value: unknown, knownSecrets: readonly string[] = [], seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value, knownSecrets);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, knownSecrets, seen));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message, knownSecrets) };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null && item !== '' ? REDACTED : redactSecrets(item, knownSecrets, seen);
  }
  return out;
}
