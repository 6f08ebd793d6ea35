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

const value = (env: Readonly<Record<string, string | undefined>>, ...names: string[]): string | undefined => {
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
};

/** Reads `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID` / `OPENAI_ORGANIZATION` and `OPENAI_PROJECT_ID`. */
export function openAIEnv(env: Readonly<Record<string, string | undefined>>): OpenAIEnvSettings {
  const out: OpenAIEnvSettings = {};
  const apiKey = value(env, 'OPENAI_API_KEY');
  const baseUrl = value(env, 'OPENAI_BASE_URL');
  const organization = value(env, 'OPENAI_ORG_ID', 'OPENAI_ORGANIZATION');
  const project = value(env, 'OPENAI_PROJECT_ID');
  if (apiKey !== undefined) out.apiKey = apiKey;
  if (baseUrl !== undefined) out.baseUrl = baseUrl;
  if (organization !== undefined) out.organization = organization;
  if (project !== undefined) out.project = project;
  return out;
}

/** `process.env` where the runtime has one (Node, Bun, Deno's compat), otherwise empty (browsers, edge). */
export function runtimeEnv(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}
