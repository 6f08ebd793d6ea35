import type { IssueCollector } from './issue-collector.js';
import { resolveSecrets } from './resolve-services.js';
import type { SecretsConfig } from './mesh-config.js';
import { envValue, type SubstitutionResult, substituteVariables, type VariableSources } from './variable-substitution.js';

/** Secrets supplied by the app: a map, or a function returning undefined for unknown names. */
export type SecretsOption = Readonly<Record<string, string>> | ((name: string) => string | undefined);

/** The `secrets` section read, and the sources `${...}` references use everywhere else. */
export interface SecretSources {
  /** The resolved `secrets` settings. */
  config: SecretsConfig;
  /** The section after substitution (for collecting values to scrub from messages). */
  section: SubstitutionResult;
  /** Variable and secret sources for the rest of the document. */
  sources: VariableSources;
}

/**
 * Reads the `secrets` section first, because it decides how `${secrets:NAME}`
 * resolves: the app's option, then `secrets.values`, then (with the env store)
 * the environment variable `<prefix><NAME>`. Only `${ENV}` works inside it.
 */
export function readSecretSources(raw: unknown, env: VariableSources['env'], option: SecretsOption | undefined, issues: IssueCollector): SecretSources {
  const section = substituteVariables(raw, ['secrets'], { env }, issues);
  const { config, values } = resolveSecrets(section.value, { issues, whole: section.whole });
  const fromEnv = config.store === 'env';
  const secret = (name: string): string | undefined => {
    const given = typeof option === 'function' ? option(name) : option !== undefined && Object.hasOwn(option, name) ? option[name] : undefined;
    if (given !== undefined) return given;
    if (Object.hasOwn(values, name)) return values[name];
    return fromEnv ? envValue(env, `${config.prefix ?? ''}${name}`) : undefined;
  };
  const places = ['the secrets option', 'secrets.values', ...(fromEnv ? [`environment variable ${config.prefix ?? ''}<name>`] : [])];
  return { config, section, sources: { env, secret, secretPlaces: places.join(', ') } };
}
