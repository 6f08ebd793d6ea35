import { expect } from 'vitest';
import { ConfigurationError, type ConfigIssue, loadConfig, type LoadConfigOptions } from '../../../src/index.js';

/** Loads `input`, expects a ConfigurationError and returns its issues. */
export function issuesOf(input: string | object, options: LoadConfigOptions = {}): readonly ConfigIssue[] {
  try {
    loadConfig(input, { env: {}, ...options });
  } catch (error) {
    expect(ConfigurationError.isInstance(error)).toBe(true);
    return (error as ConfigurationError).issues;
  }
  throw new Error('expected loadConfig to throw a ConfigurationError');
}

/** Loads `input`, expects exactly one issue and returns it. */
export function onlyIssue(input: string | object, options: LoadConfigOptions = {}): ConfigIssue {
  const issues = issuesOf(input, options);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0] as ConfigIssue;
}

/** Joins lines, so YAML in tests can be written without indentation noise. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
