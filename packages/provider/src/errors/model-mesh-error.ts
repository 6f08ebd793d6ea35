import { redactSecrets, redactText } from '../redact.js';

/** Plain JSON value, used for error details and serialised errors. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Options every ModelMesh error accepts. */
export interface ModelMeshErrorOptions {
  /** Human-readable description; each subclass has a sensible default. */
  message?: string;
  /** Arbitrary structured context. Secrets in it are redacted by {@link ModelMeshError.toJSON}. */
  details?: Record<string, unknown>;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Shape of {@link ModelMeshError.toJSON}'s result. */
export interface SerializedModelMeshError {
  name: string;
  message: string;
  retryable: boolean;
  details: Record<string, JsonValue>;
  [field: string]: JsonValue | undefined;
}

const brandKey = (name: string): symbol => Symbol.for(`modelmesh.error.${name}`);

/**
 * Marks a class's prototype with a `Symbol.for` brand so that `isInstance` works across
 * two copies of this package in one app (where `instanceof` fails). Subclass instances
 * inherit the brands of their parents through the prototype chain.
 */
export function brandError(errorClass: { readonly prototype: object }, name: string): void {
  // The name is given explicitly because minifiers rename classes.
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(errorClass.prototype, brandKey(name), { value: true });
}

/**
 * Base class of every error ModelMesh throws. Catch it to handle all of them at once;
 * `retryable` tells whether the same call may succeed later.
 */
export class ModelMeshError extends Error {
  /** Structured context for logs and programs. */
  readonly details: Record<string, unknown>;
  /** Hint: the same request may succeed if retried later. */
  readonly retryable: boolean = false;

  constructor(options: ModelMeshErrorOptions = {}) {
    super(redactText(options.message ?? 'ModelMesh error'), options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? {};
  }

  /**
   * True when `value` is an instance of this class (or a subclass), even if it comes from
   * another copy of the package. `RateLimitError.isInstance(e)` narrows `e`.
   */
  static isInstance<T extends Error>(this: { readonly prototype: T }, value: unknown): value is T {
    const key = brandKey(this.prototype.name);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[key] === true;
  }

  /** Fields a subclass adds to its JSON form. */
  protected jsonFields(): Record<string, unknown> {
    return {};
  }

  /** A JSON-safe form without stack traces or secrets. */
  toJSON(): SerializedModelMeshError {
    const fields = redactSecrets(this.jsonFields()) as Record<string, JsonValue>;
    return {
      name: this.name,
      message: this.message,
      retryable: this.retryable,
      ...fields,
      details: redactSecrets(this.details) as Record<string, JsonValue>,
    };
  }
}
brandError(ModelMeshError, 'ModelMeshError');

/** Serialises a nested error (such as `lastError`) the same safe way. */
export function serializeError(error: unknown): JsonValue {
  if (ModelMeshError.isInstance(error)) return error.toJSON() as unknown as JsonValue;
  if (error instanceof Error) return { name: error.name, message: redactSecrets(error.message) as string };
  return redactSecrets(String(error)) as string;
}
