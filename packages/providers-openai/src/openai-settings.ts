import type { OpenAICompatibleVendorSettings } from '@modelmesh/providers-openai-compatible';

/** Settings of {@link createOpenAI}. Unset values fall back to the environment, as the official `openai` client does. */
export interface OpenAISettings extends OpenAICompatibleVendorSettings {
  /** Instance id; default `openai`. */
  id?: string;
  /** API key; default `OPENAI_API_KEY`. */
  apiKey?: string;
  /** Base URL; default `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  baseUrl?: string;
  /** Sent as `OpenAI-Organization`; default `OPENAI_ORG_ID` (or `OPENAI_ORGANIZATION`). */
  organization?: string;
  /** Sent as `OpenAI-Project`; default `OPENAI_PROJECT_ID`. */
  project?: string;
  /** Where to read the defaults above; default `process.env` where there is one, else nothing. */
  env?: Readonly<Record<string, string | undefined>>;
}
