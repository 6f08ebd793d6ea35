import type { OpenAICompatibleSettings, RequestKind } from './openai-compatible-settings.js';
import { applyParamDropRules } from './param-drop-rules.js';
import { renameParams } from './param-renames.js';
import { createWarnOnce, type WarnOnce } from './warn-once.js';

/**
 * Prepares outgoing bodies: applies `dropParams` (warning once per parameter), then
 * `paramDropRules` (warning once per rule and parameter), then `renameParams`, then
 * `transformRequest`.
 */
export class RequestBodyPreparer {
  private readonly warn: WarnOnce;

  constructor(private readonly settings: OpenAICompatibleSettings) {
    this.warn = createWarnOnce(settings.id, settings.onWarning);
  }

  /**
   * The body to send for `params`. Everything the caller passed goes through untouched,
   * unknown parameters included, except what the settings drop or rename.
   */
  prepare(params: object, kind: RequestKind, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
    const provider = this.settings.name ?? this.settings.id;
    const body: Record<string, unknown> = { ...params, ...extra };
    for (const param of this.settings.dropParams ?? []) {
      if (body[param] === undefined) continue;
      delete body[param];
      this.warn(`param:${param}`, param, `Provider "${provider}" does not support "${param}"; it was removed from the request`);
    }
    const kept = applyParamDropRules(body, kind, this.settings.paramDropRules, provider, this.warn);
    const renamed = renameParams(kept, kind, this.settings.renameParams);
    return this.settings.transformRequest ? this.settings.transformRequest(renamed, kind) : renamed;
  }
}
