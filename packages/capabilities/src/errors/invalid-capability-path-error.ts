import { CapabilityError, type CapabilityErrorJSON } from './capability-error.js';

/** JSON form of an {@link InvalidCapabilityPathError}. */
export interface InvalidCapabilityPathErrorJSON extends CapabilityErrorJSON {
  readonly code: 'INVALID_CAPABILITY_PATH';
  /** The rejected path, as given. */
  readonly path: string;
  /** Why it was rejected. */
  readonly reason: string;
}

/** Thrown by `register` when a path is malformed or reserved. */
export class InvalidCapabilityPathError extends CapabilityError {
  override readonly name = 'InvalidCapabilityPathError';
  readonly code = 'INVALID_CAPABILITY_PATH' as const;
  /** The rejected path, as given. */
  readonly path: string;
  /** Why it was rejected. */
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`Invalid capability path "${path}": ${reason}.`);
    this.path = path;
    this.reason = reason;
  }

  /** Whether `value` is an {@link InvalidCapabilityPathError} from any copy of this package. */
  static override isInstance(value: unknown): value is InvalidCapabilityPathError {
    return CapabilityError.hasCode(value, 'INVALID_CAPABILITY_PATH');
  }

  override toJSON(): InvalidCapabilityPathErrorJSON {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      path: this.path,
      reason: this.reason,
    };
  }
}
