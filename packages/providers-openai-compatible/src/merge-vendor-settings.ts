import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';
import type { ParamRenames } from './param-renames.js';
import { chainRateLimitParsers } from './rate-limit-hook.js';

/** A hook that passes a value on, possibly changed: `transformRequest`, `transformResponse`, `transformChunk`, `reclassifyError`. */
export type Hook<T, Rest extends readonly unknown[]> = (value: T, ...rest: Rest) => T;

/** Two hooks as one: `first`, then `second` on what `first` returned. Either may be absent. */
export function chainHooks<T, Rest extends readonly unknown[]>(first: Hook<T, Rest> | undefined, second: Hook<T, Rest> | undefined): Hook<T, Rest> | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return (value, ...rest) => second(first(value, ...rest), ...rest);
}

function mergeRenames(vendor: ParamRenames | undefined, user: ParamRenames | undefined): ParamRenames | undefined {
  if (vendor === undefined || user === undefined) return vendor ?? user;
  return { chat: { ...vendor.chat, ...user.chat }, embeddings: { ...vendor.embeddings, ...user.embeddings } };
}

/** The settings {@link mergeVendorSettings} combines rather than lets the user's replace. */
export type MergedVendorSettings = Pick<
  OpenAICompatibleSettings,
  'headers' | 'dropParams' | 'paramDropRules' | 'renameParams' | 'transformRequest' | 'transformResponse' | 'transformChunk' | 'parseRateLimitHeaders' | 'reclassifyError'
>;

/**
 * How a vendor's defaults and a user's settings combine where one must not replace the
 * other: `headers` and `renameParams` are merged (the user's entries win), `dropParams` and
 * `paramDropRules` are concatenated, and the hooks run the vendor's first, then the user's
 * (for `parseRateLimitHeaders`, both read the headers and the user's fields win).
 */
export function mergeVendorSettings(vendor: Partial<MergedVendorSettings>, user: Partial<MergedVendorSettings>): MergedVendorSettings {
  return {
    headers: { ...vendor.headers, ...user.headers },
    dropParams: [...(vendor.dropParams ?? []), ...(user.dropParams ?? [])],
    paramDropRules: [...(vendor.paramDropRules ?? []), ...(user.paramDropRules ?? [])],
    renameParams: mergeRenames(vendor.renameParams, user.renameParams),
    transformRequest: chainHooks(vendor.transformRequest, user.transformRequest),
    transformResponse: chainHooks(vendor.transformResponse, user.transformResponse),
    transformChunk: chainHooks(vendor.transformChunk, user.transformChunk),
    parseRateLimitHeaders: chainRateLimitParsers(vendor.parseRateLimitHeaders, user.parseRateLimitHeaders),
    reclassifyError: chainHooks(vendor.reclassifyError, user.reclassifyError),
  };
}
