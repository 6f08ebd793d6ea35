/** A location in the document: map keys and list indexes, outermost first. */
export type ConfigPath = readonly (string | number)[];

/**
 * Formats a path the way issues show it: dots between keys, `[i]` for list
 * indexes (`pools.chat.models[1]`). Keys are not quoted even when they contain
 * dots (`models.openai.gpt-4o.provider`) because that reads best in a terminal.
 */
export function formatConfigPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** An unambiguous map key for a path (unlike the display form, which is lossy for dotted keys). */
export function configPathKey(path: ConfigPath): string {
  return JSON.stringify(path);
}
