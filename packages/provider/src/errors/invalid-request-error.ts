import { brandError, ModelMeshError, type ModelMeshErrorOptions } from './model-mesh-error.js';

/** Options of {@link InvalidRequestError}. */
export interface InvalidRequestErrorOptions extends ModelMeshErrorOptions {
  /** The offending parameter, e.g. `messages` or `messages[2].content`. */
  param?: string;
}

/** The request's parameters are malformed; no provider was called. */
export class InvalidRequestError extends ModelMeshError {
  /** The offending parameter, if known. */
  readonly param: string | undefined;

  constructor(options: InvalidRequestErrorOptions = {}) {
    super({ ...options, message: options.message ?? `Invalid request${options.param ? `: ${options.param}` : ''}` });
    this.param = options.param;
  }

  protected override jsonFields(): Record<string, unknown> {
    return { param: this.param };
  }
}
brandError(InvalidRequestError, 'InvalidRequestError');
