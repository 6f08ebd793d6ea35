import type { ProviderCreateOptions } from '@modelmesh/provider';
import { connectionSettings } from '@modelmesh/provider-kit';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';

/** `site_url` → `siteUrl`. */
const camelCase = (name: string): string => name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** The first of a vendor option's two spellings (`snake_case`, then camelCase) whose value `accept`s. */
function firstAccepted<T>(options: Readonly<Record<string, unknown>> | undefined, name: string, accept: (value: unknown) => value is T): T | undefined {
  for (const key of [name, camelCase(name)]) {
    const value = options?.[key];
    if (accept(value)) return value;
  }
  return undefined;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * A string vendor option, by its `snake_case` name or its camelCase form; undefined when
 * absent, empty or not a string.
 *
 * @example
 * ```ts
 * stringOption({ siteUrl: 'https://example.com' }, 'site_url'); // 'https://example.com'
 * ```
 */
export function stringOption(options: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  return firstAccepted(options, name, isText);
}

/** A list-of-strings vendor option, by its `snake_case` name or its camelCase form; undefined when neither is such a list. */
export function stringListOption(options: Readonly<Record<string, unknown>> | undefined, name: string): string[] | undefined {
  return firstAccepted(options, name, isTextList);
}

/**
 * A boolean vendor option: its `snake_case` value if set (not null), else its camelCase
 * one; undefined when that is not a boolean.
 */
export function booleanOption(options: Readonly<Record<string, unknown>> | undefined, name: string): boolean | undefined {
  const value = options?.[name] ?? options?.[camelCase(name)];
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * Turns what config (or environment detection) gives a plugin into provider settings.
 * Vendor options in `providers.<id>.options`: `drop_params` / `dropParams` (string list),
 * `stream_usage` / `streamUsage` and `require_done` / `requireDone` (booleans).
 */
export function settingsFromCreateOptions(options: ProviderCreateOptions): Omit<OpenAICompatibleSettings, 'baseUrl'> & { baseUrl: string | undefined } {
  const extra = options.options;
  const settings: Omit<OpenAICompatibleSettings, 'baseUrl'> & { baseUrl: string | undefined } = { id: options.id, baseUrl: options.baseUrl, ...connectionSettings(options) };
  if (options.query !== undefined) settings.query = options.query;
  const drop = stringListOption(extra, 'drop_params');
  if (drop !== undefined) settings.dropParams = drop;
  const streamUsage = booleanOption(extra, 'stream_usage');
  if (streamUsage !== undefined) settings.streamUsage = streamUsage;
  const requireDone = booleanOption(extra, 'require_done');
  if (requireDone !== undefined) settings.requireDone = requireDone;
  return settings;
}
