/**
 * Brand shared by every error this package throws. `Symbol.for` makes it the
 * same symbol in every copy of the package and every realm, so
 * {@link CapabilityError.isInstance} still works where `instanceof` fails
 * (duplicated installs, bundles, worker boundaries).
 */
export const CAPABILITY_ERROR_BRAND: unique symbol = Symbol.for('modelmesh.capabilities.error');

/** Machine-readable discriminator carried by every {@link CapabilityError}. */
export type CapabilityErrorCode =
  | 'UNKNOWN_CAPABILITY'
  | 'INVALID_CAPABILITY_PATH'
  | 'CAPABILITY_ALIAS_CONFLICT';

/** Plain, JSON-safe form of a {@link CapabilityError}, as returned by `toJSON()`. */
export interface CapabilityErrorJSON {
  /** The error class name, e.g. `UnknownCapabilityError`. */
  readonly name: string;
  /** The {@link CapabilityErrorCode} of the error. */
  readonly code: CapabilityErrorCode;
  /** The human-readable message. */
  readonly message: string;
}

/**
 * Base class of the errors thrown by this package. It stands alone because the
 * package has no dependency on `@modelmesh/core`; core wraps these errors.
 */
export abstract class CapabilityError extends Error {
  /** Always `true`; the brand {@link CapabilityError.isInstance} looks for. */
  readonly [CAPABILITY_ERROR_BRAND] = true as const;

  /** Stable code identifying the kind of failure. */
  abstract readonly code: CapabilityErrorCode;

  /**
   * Whether `value` is an error thrown by any copy of this package. Prefer it
   * over `instanceof`, which fails across package copies and realms.
   */
  static isInstance(value: unknown): value is CapabilityError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [CAPABILITY_ERROR_BRAND]?: unknown })[CAPABILITY_ERROR_BRAND] === true
    );
  }

  /** Shared by subclasses: brand check narrowed to one code. */
  protected static hasCode(value: unknown, code: CapabilityErrorCode): boolean {
    return CapabilityError.isInstance(value) && value.code === code;
  }

  /** A plain object with the error's name, code, message and details, without the stack. */
  toJSON(): CapabilityErrorJSON {
    return { name: this.name, code: this.code, message: this.message };
  }
}
