/** The Anthropic settings the environment can supply, under the names the official SDK reads. */
export interface AnthropicEnvSettings {
  /** From `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /** From `ANTHROPIC_BASE_URL`. */
  baseUrl?: string;
}

const value = (env: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const v = env[name];
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
};

/** Reads `ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL`. */
export function anthropicEnv(env: Readonly<Record<string, string | undefined>>): AnthropicEnvSettings {
  const out: AnthropicEnvSettings = {};
  const apiKey = value(env, 'ANTHROPIC_API_KEY');
  const baseUrl = value(env, 'ANTHROPIC_BASE_URL');
  if (apiKey !== undefined) out.apiKey = apiKey;
  if (baseUrl !== undefined) out.baseUrl = baseUrl;
  return out;
}

/** `process.env` where the runtime has one (Node, Bun, Deno's compat), otherwise empty (browsers, edge). */
export function runtimeEnv(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}
