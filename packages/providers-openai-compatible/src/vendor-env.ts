/** Environment variables as a vendor reads them: `process.env`, a plugin's `options.env`, or a test's record. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The variables a vendor reads its API key and base URL from when settings give none. */
export interface VendorEnvNames {
  /** The API key's variable, e.g. `GROQ_API_KEY`. For a plugin, it is also what enables the vendor. */
  apiKey?: string;
  /** The base URL's variable, e.g. `GROQ_BASE_URL` (a proxy, a regional endpoint, a fake server). */
  baseUrl?: string;
}

/**
 * The value of the first of `names` that is set to something other than blanks, trimmed;
 * undefined when none is.
 *
 * @example
 * ```ts
 * envValue({ OPENAI_ORGANIZATION: ' org-1 ' }, 'OPENAI_ORG_ID', 'OPENAI_ORGANIZATION'); // 'org-1'
 * ```
 */
export function envValue(env: Env, ...names: readonly (string | undefined)[]): string | undefined {
  for (const name of names) {
    const value = name === undefined ? undefined : env[name]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** `process.env` where the runtime has one (Node, Bun, Deno's compat), otherwise empty (browsers, edge). */
export function runtimeEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}
