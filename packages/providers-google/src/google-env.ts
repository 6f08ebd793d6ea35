/** The Gemini settings the environment can supply. */
export interface GoogleEnvSettings {
  /** From `GOOGLE_API_KEY`, else `GEMINI_API_KEY` (the official client's order). */
  apiKey?: string;
  /** From `GEMINI_BASE_URL`, else `GOOGLE_GEMINI_BASE_URL` (the name the official client reads). */
  baseUrl?: string;
}

const value = (env: Readonly<Record<string, string | undefined>>, ...names: string[]): string | undefined => {
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  return undefined;
};

/**
 * Reads the API key and base URL. When both `GOOGLE_API_KEY` and `GEMINI_API_KEY` are set,
 * `GOOGLE_API_KEY` wins, as in the official `@google/genai` client.
 */
export function googleEnv(env: Readonly<Record<string, string | undefined>>): GoogleEnvSettings {
  const out: GoogleEnvSettings = {};
  const apiKey = value(env, 'GOOGLE_API_KEY', 'GEMINI_API_KEY');
  const baseUrl = value(env, 'GEMINI_BASE_URL', 'GOOGLE_GEMINI_BASE_URL');
  if (apiKey !== undefined) out.apiKey = apiKey;
  if (baseUrl !== undefined) out.baseUrl = baseUrl;
  return out;
}

/** `process.env` where the runtime has one (Node, Bun, Deno's compat), otherwise empty (browsers, edge). */
export function runtimeEnv(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}
