import type { OpenAICompatibleSettings, ProviderWarning, RequestKind } from './openai-compatible-settings.js';

/** Applies `dropParams` (warning once per parameter) and `transformRequest` to outgoing bodies. */
export class RequestBodyPreparer {
  private readonly warned = new Set<string>();
  private readonly warn: (warning: ProviderWarning) => void;

  constructor(private readonly settings: OpenAICompatibleSettings) {
    this.warn = settings.onWarning ?? ((warning) => console.warn(`[modelmesh] ${warning.message}`));
  }

  /**
   * The body to send for `params`. Everything the caller passed goes through untouched,
   * unknown parameters included, except those listed in `dropParams`.
   */
  prepare(params: object, kind: RequestKind, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
    const body: Record<string, unknown> = { ...params, ...extra };
    for (const param of this.settings.dropParams ?? []) {
      if (body[param] === undefined) continue;
      delete body[param];
      if (this.warned.has(param)) continue;
      this.warned.add(param);
      this.warn({
        type: 'unsupported-param',
        providerId: this.settings.id,
        param,
        message: `Provider "${this.settings.name ?? this.settings.id}" does not support "${param}"; it was removed from the request`,
      });
    }
    return this.settings.transformRequest ? this.settings.transformRequest(body, kind) : body;
  }
}
