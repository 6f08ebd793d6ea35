import { CapabilityError, type CapabilityErrorJSON } from './capability-error.js';

/** JSON form of a {@link CapabilityAliasConflictError}. */
export interface CapabilityAliasConflictErrorJSON extends CapabilityErrorJSON {
  readonly code: 'CAPABILITY_ALIAS_CONFLICT';
  /** The short name both paths want. */
  readonly alias: string;
  /** The path that was being registered. */
  readonly path: string;
  /** The path the name already resolves to. */
  readonly existingPath: string;
}

/**
 * Thrown by `register` when the new node's name already resolves to a
 * different node. Registering would otherwise silently change what an existing
 * name means, which could reroute requests.
 */
export class CapabilityAliasConflictError extends CapabilityError {
  override readonly name = 'CapabilityAliasConflictError';
  readonly code = 'CAPABILITY_ALIAS_CONFLICT' as const;
  /** The short name both paths want. */
  readonly alias: string;
  /** The path that was being registered. */
  readonly path: string;
  /** The path the name already resolves to. */
  readonly existingPath: string;

  constructor(alias: string, path: string, existingPath: string) {
    super(
      `Cannot register capability "${path}": the name "${alias}" already refers to "${existingPath}".`,
    );
    this.alias = alias;
    this.path = path;
    this.existingPath = existingPath;
  }

  /** Whether `value` is a {@link CapabilityAliasConflictError} from any copy of this package. */
  static override isInstance(value: unknown): value is CapabilityAliasConflictError {
    return CapabilityError.hasCode(value, 'CAPABILITY_ALIAS_CONFLICT');
  }

  override toJSON(): CapabilityAliasConflictErrorJSON {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      alias: this.alias,
      path: this.path,
      existingPath: this.existingPath,
    };
  }
}
