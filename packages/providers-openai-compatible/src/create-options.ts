import type { ProviderCreateOptions } from '@modelmesh/core';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;

/**
 * Turns what config (or environment detection) gives a plugin into provider settings.
 * Vendor options in `providers.<id>.options`: `drop_params` / `dropParams` (string list),
 * `stream_usage` / `streamUsage` and `require_done` / `requireDone` (booleans).
 */
export function settingsFromCreateOptions(options: ProviderCreateOptions): Omit<OpenAICompatibleSettings, 'baseUrl'> & { baseUrl: string | undefined } {
  const extra = options.options ?? {};
  const settings: Omit<OpenAICompatibleSettings, 'baseUrl'> & { baseUrl: string | undefined } = { id: options.id, baseUrl: options.baseUrl };
  if (options.apiKey !== undefined) settings.apiKey = options.apiKey;
  if (options.headers !== undefined) settings.headers = options.headers;
  if (options.query !== undefined) settings.query = options.query;
  if (options.fetch !== undefined) settings.fetch = options.fetch;
  if (options.timeout !== undefined) settings.timeout = options.timeout;
  const drop = stringList(extra['drop_params']) ?? stringList(extra['dropParams']);
  if (drop !== undefined) settings.dropParams = drop;
  const streamUsage = extra['stream_usage'] ?? extra['streamUsage'];
  if (typeof streamUsage === 'boolean') settings.streamUsage = streamUsage;
  const requireDone = extra['require_done'] ?? extra['requireDone'];
  if (typeof requireDone === 'boolean') settings.requireDone = requireDone;
  return settings;
}
