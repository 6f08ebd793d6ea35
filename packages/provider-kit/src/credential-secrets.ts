import { isSecretHeader } from './redact-headers.js';

/**
 * The values to mask in errors for a set of credentials: the API key and the value of any
 * credential header (`Authorization`, `x-api-key`, ...) without its `Bearer`/`Basic`/`Token`
 * prefix. Values shorter than 4 characters are left out (masking them would mangle messages).
 */
export function credentialSecrets(apiKey: string | undefined, headers: Readonly<Record<string, string>> | undefined): string[] {
  return [
    ...(apiKey ? [apiKey] : []),
    ...Object.entries(headers ?? {})
      .filter(([name]) => isSecretHeader(name))
      .map(([, value]) => value.replace(/^(bearer|basic|token)\s+/i, '')),
  ].filter((secret) => secret.length >= 4);
}
