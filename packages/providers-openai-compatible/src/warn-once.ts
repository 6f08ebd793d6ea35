import type { ProviderWarning } from './openai-compatible-settings.js';

/**
 * Reports that a parameter was removed from a request, once per `key` for the life of the
 * provider instance. `key` tells apart reports about the same parameter for different
 * reasons (e.g. `rule:0:stop` and `rule:1:stop`); `param` and `message` are what is reported.
 */
export type WarnOnce = (key: string, param: string, message: string) => void;

/** Where warnings go when settings name no `onWarning`. */
const toConsole = (warning: ProviderWarning): void => console.warn(`[modelmesh] ${warning.message}`);

/**
 * A {@link WarnOnce} for one provider instance that reports `unsupported-param` warnings to
 * `onWarning` (default `console.warn`).
 *
 * @example
 * ```ts
 * const warn = createWarnOnce('groq', settings.onWarning);
 * warn('n', 'n', 'Provider "Groq" supports only n = 1; "n" was removed from the request');
 * ```
 */
export function createWarnOnce(providerId: string, onWarning: ((warning: ProviderWarning) => void) | undefined): WarnOnce {
  const seen = new Set<string>();
  const report = onWarning ?? toConsole;
  return (key, param, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    report({ type: 'unsupported-param', providerId, param, message });
  };
}
