import type { ProviderCreateOptions } from '@modelmesh/provider';
import type { ProviderConnectionSettings } from './provider-http.js';

/** The connection settings a plugin takes from config as they are (`query` is the vendor's to honour). */
export type CreateOptionsConnection = Partial<Pick<ProviderConnectionSettings, 'apiKey' | 'baseUrl' | 'headers' | 'fetch' | 'timeout' | 'maxConnections'>>;

/**
 * The connection settings config (or environment detection) gave a plugin's factory, with the
 * API key and base URL falling back to what the vendor's environment variables say (`fromEnv`,
 * read from `options.env`, never `process.env`). Unset ones are left out, so a vendor's own
 * defaults still apply.
 */
export function connectionSettings(options: ProviderCreateOptions, fromEnv: { apiKey?: string; baseUrl?: string } = {}): CreateOptionsConnection {
  const settings: CreateOptionsConnection = {};
  const apiKey = options.apiKey ?? fromEnv.apiKey;
  const baseUrl = options.baseUrl ?? fromEnv.baseUrl;
  if (apiKey !== undefined) settings.apiKey = apiKey;
  if (baseUrl !== undefined) settings.baseUrl = baseUrl;
  if (options.headers !== undefined) settings.headers = options.headers;
  if (options.fetch !== undefined) settings.fetch = options.fetch;
  if (options.timeout !== undefined) settings.timeout = options.timeout;
  if (options.maxConnections !== undefined) settings.maxConnections = options.maxConnections;
  return settings;
}
