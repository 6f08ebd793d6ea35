/**
 * Response headers in any of the shapes a provider author holds them: a fetch `Headers`
 * object or a plain record (Node's `IncomingHttpHeaders`, a recorded fixture).
 */
export type HeaderSource = Headers | { readonly [name: string]: string | readonly string[] | undefined };

/** Reads one header case-insensitively; repeated values are joined with `, ` as fetch does. */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const record = headers as Record<string, string | readonly string[] | undefined>;
  // Node's records are keyed lower-case: one lookup; other records are scanned.
  const direct = Object.prototype.hasOwnProperty.call(record, wanted) ? record[wanted] : undefined;
  if (direct !== undefined) return typeof direct === 'string' ? direct : direct.join(', ');
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(', ');
  }
  return undefined;
}
