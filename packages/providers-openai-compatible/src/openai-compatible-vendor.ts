import type { ModelSpec } from '@modelmesh/core';
import { createOpenAICompatibleProvider, type OpenAICompatibleProvider } from './openai-compatible-provider.js';
import type { OpenAICompatibleSettings } from './openai-compatible-settings.js';

/** What an OpenAI-wire vendor package fixes for all its instances. */
export interface OpenAICompatibleVendor extends Partial<Omit<OpenAICompatibleSettings, 'id' | 'apiKey' | 'fetch' | 'models'>> {
  /** The vendor's connector id, e.g. `groq.llm.v1`. */
  connector: string;
  /** The vendor's public endpoint, e.g. `https://api.groq.com/openai/v1`. */
  baseUrl: string;
  /** Display name, e.g. `Groq`. */
  name: string;
  /** The vendor's default models. */
  models?: readonly ModelSpec[];
}

/** Settings a user gives a vendor provider: everything is optional but the id; the vendor fills the rest. */
export type OpenAICompatibleVendorSettings = Partial<Omit<OpenAICompatibleSettings, 'connector'>> & { id?: string };

/**
 * Makes the `create<Vendor>(settings)` factory of an OpenAI-wire vendor package: the
 * vendor's base URL, models, parameters to drop, headers and error parser are defaults,
 * the user's settings win, and `dropParams` and `headers` are merged.
 *
 * @example
 * ```ts
 * export const createGroq = createOpenAICompatibleFactory({
 *   connector: 'groq.llm.v1', name: 'Groq', baseUrl: 'https://api.groq.com/openai/v1',
 *   dropParams: ['logprobs', 'logit_bias', 'top_logprobs'], models: GROQ_MODELS,
 * });
 * const groq = createGroq({ apiKey: process.env.GROQ_API_KEY });
 * ```
 */
export function createOpenAICompatibleFactory(vendor: OpenAICompatibleVendor): (settings?: OpenAICompatibleVendorSettings) => OpenAICompatibleProvider {
  return (settings = {}) =>
    createOpenAICompatibleProvider({
      ...vendor,
      ...settings,
      id: settings.id ?? vendor.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      connector: vendor.connector,
      baseUrl: settings.baseUrl ?? vendor.baseUrl,
      name: settings.name ?? vendor.name,
      headers: { ...vendor.headers, ...settings.headers },
      dropParams: [...(vendor.dropParams ?? []), ...(settings.dropParams ?? [])],
      models: settings.models ?? vendor.models ?? [],
    });
}
