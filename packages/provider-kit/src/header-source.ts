/**
 * Response headers in any of the shapes a provider author holds them: a fetch `Headers`
 * object or a plain record (Node's `IncomingHttpHeaders`, a recorded fixture).
 */
export type HeaderSource = Headers | { readonly [name: string]: string | readonly string[] | undefined };

/** Reads one header case-insensitively; repeated values are joined with `, ` as fetch does. */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(', ');
  }
  return undefined;
}
