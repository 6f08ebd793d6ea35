/**
 * A dotted path naming one node of the capability tree, from its category down,
 * for example `generation.text-generation.chat-completion`.
 *
 * It is a plain string so that paths can be stored in configuration files and
 * compared with `===`; use {@link resolve} to turn any accepted name into one.
 */
export type CapabilityPath = string;

/**
 * One segment: lowercase ASCII letters and digits, optionally joined by single
 * hyphens. Dots separate segments, so they can never appear inside one, and the
 * restricted alphabet keeps segments safe as plain-object keys in {@link tree}.
 */
const SEGMENT_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why a path was rejected, or `undefined` when every segment is well formed. */
export function describeInvalidPath(path: string): string | undefined {
  if (path.length === 0) return 'the path is empty';
  const segments = path.split('.');
  for (const [index, segment] of segments.entries()) {
    if (segment.length === 0) return `segment ${index + 1} is empty`;
    if (!SEGMENT_PATTERN.test(segment)) {
      return (
        `segment "${segment}" must use lowercase letters, digits and single hyphens ` +
        '(no leading or trailing hyphen)'
      );
    }
  }
  return undefined;
}

/** The last segment of a path: the name a node is known by. */
export function lastSegment(path: CapabilityPath): string {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? path : path.slice(dot + 1);
}

/** Every proper prefix of a path, shortest first: `a.b.c` gives `a`, `a.b`. */
export function properPrefixes(path: CapabilityPath): CapabilityPath[] {
  const segments = path.split('.');
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join('.'));
}
