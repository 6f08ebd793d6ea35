import type { CapabilityPath } from './capability-path.js';

/**
 * Which route a name took to its canonical path:
 * - `path`: the input already was a canonical path;
 * - `alias`: a public alias from {@link listAll} (a leaf name, `chat`,
 *   `embeddings`, or a registered name);
 * - `node-name`: the unambiguous name of a category or group, such as
 *   `text-generation`;
 * - `deprecated-synonym`: a dotted path from the original taxonomy, such as
 *   `generation.audio.text-to-speech`.
 */
export type ResolutionKind = 'path' | 'alias' | 'node-name' | 'deprecated-synonym';

/** The outcome of {@link resolveDetailed}. */
export interface ResolvedCapability {
  /** The input after trimming and lowercasing: the form that was looked up. */
  readonly input: string;
  /** The canonical path the input resolves to. */
  readonly path: CapabilityPath;
  /** True when the input is a deprecated synonym; callers should warn and migrate to `path`. */
  readonly deprecated: boolean;
  /** How the input was matched. */
  readonly via: ResolutionKind;
}
