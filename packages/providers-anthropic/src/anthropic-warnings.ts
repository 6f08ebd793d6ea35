import type { AnthropicWarning } from './anthropic-settings.js';

/** Reports each dropped or adjusted parameter once per provider instance (default `console.warn`). */
export class AnthropicWarnings {
  private readonly warned = new Set<string>();
  private readonly sink: (warning: AnthropicWarning) => void;

  constructor(
    private readonly providerId: string,
    onWarning?: (warning: AnthropicWarning) => void,
  ) {
    this.sink = onWarning ?? ((warning) => console.warn(`[modelmesh] ${warning.message}`));
  }

  /** Reports a warning unless one of the same type was already reported for `param`. */
  warn(type: AnthropicWarning['type'], param: string, message: string): void {
    const key = `${type}:${param}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.sink({ type, providerId: this.providerId, param, message: `Provider "${this.providerId}": ${message}` });
  }
}
