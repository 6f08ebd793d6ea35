import { CapabilityError, type CapabilityErrorJSON } from './capability-error.js';

/** JSON form of an {@link UnknownCapabilityError}. */
export interface UnknownCapabilityErrorJSON extends CapabilityErrorJSON {
  readonly code: 'UNKNOWN_CAPABILITY';
  /** The name or path that could not be resolved, as given. */
  readonly capability: string;
  /** Closest known names, best first. */
  readonly suggestions: readonly string[];
}

function formatMessage(capability: string, suggestions: readonly string[]): string {
  const head = `Unknown capability "${capability}".`;
  if (suggestions.length === 0) return head;
  const quoted = suggestions.map((suggestion) => `"${suggestion}"`);
  const choices =
    quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return `${head} Did you mean ${choices}?`;
}

/**
 * Thrown when a name or path matches no capability node, alias or deprecated
 * synonym. The requested text is in {@link UnknownCapabilityError.capability}
 * because `name` is the error class name, as for every `Error`.
 */
export class UnknownCapabilityError extends CapabilityError {
  override readonly name = 'UnknownCapabilityError';
  readonly code = 'UNKNOWN_CAPABILITY' as const;
  /** The name or path that could not be resolved, as given. */
  readonly capability: string;
  /** Up to three closest known names or paths by edit distance, best first. */
  readonly suggestions: readonly string[];

  constructor(capability: string, suggestions: readonly string[] = []) {
    super(formatMessage(capability, suggestions));
    this.capability = capability;
    this.suggestions = Object.freeze([...suggestions]);
  }

  /** Whether `value` is an {@link UnknownCapabilityError} from any copy of this package. */
  static override isInstance(value: unknown): value is UnknownCapabilityError {
    return CapabilityError.hasCode(value, 'UNKNOWN_CAPABILITY');
  }

  override toJSON(): UnknownCapabilityErrorJSON {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      capability: this.capability,
      suggestions: [...this.suggestions],
    };
  }
}
