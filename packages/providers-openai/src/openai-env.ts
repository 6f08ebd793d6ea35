import { envValue, type Env } from '@modelmesh/providers-openai-compatible/internal';

/** The OpenAI settings the environment can supply, under the names the official client reads. */
export interface OpenAIEnvSettings {
  /** From `OPENAI_API_KEY`. */
  apiKey?: string;
  /** From `OPENAI_BASE_URL`. */
  baseUrl?: string;
  /** From `OPENAI_ORG_ID`, else `OPENAI_ORGANIZATION`. */
  organization?: string;
  /** From `OPENAI_PROJECT_ID`. */
  project?: string;
}

/** The variables of OpenAI's key and base URL, as the official client reads them. */
export const OPENAI_ENV = { apiKey: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL' };

/** `OPENAI_ORG_ID`, else `OPENAI_ORGANIZATION`. */
export const openAIOrganization = (env: Env): string | undefined => envValue(env, 'OPENAI_ORG_ID', 'OPENAI_ORGANIZATION');

/** `OPENAI_PROJECT_ID`. */
export const openAIProject = (env: Env): string | undefined => envValue(env, 'OPENAI_PROJECT_ID');

/** Reads `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID` / `OPENAI_ORGANIZATION` and `OPENAI_PROJECT_ID`. */
export function openAIEnv(env: Env): OpenAIEnvSettings {
  const found = {
    apiKey: envValue(env, OPENAI_ENV.apiKey),
    baseUrl: envValue(env, OPENAI_ENV.baseUrl),
    organization: openAIOrganization(env),
    project: openAIProject(env),
  };
  const out: OpenAIEnvSettings = {};
  for (const [key, value] of Object.entries(found) as [keyof OpenAIEnvSettings, string | undefined][]) if (value !== undefined) out[key] = value;
  return out;
}
