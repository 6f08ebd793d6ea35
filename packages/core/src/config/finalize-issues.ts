import { type ConfigIssue, redactText } from '@modelmesh/provider';
import { formatConfigPath } from './config-path.js';
import { isSecretKey } from './secret-key.js';
import type { PendingIssue } from './issue-collector.js';
import type { SourceLocator } from './yaml-locator.js';

/**
 * Every value held under a secret-looking key, plus the values of
 * `secrets.values`, so messages can be scrubbed of them. Unresolved
 * `${...}` references are not secrets and stay readable.
 */
export function secretStrings(value: unknown, found: string[] = [], underSecret = false): string[] {
  if (typeof value === 'string' || typeof value === 'number') {
    if (underSecret && !String(value).includes('${')) found.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) secretStrings(item, found, underSecret);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) secretStrings(item, found, underSecret || isSecretKey(key) || key === 'values');
  }
  return found;
}

/**
 * Gives pending issues their display path and source position, and scrubs
 * every known secret value from messages as a last line of defence (messages
 * are written not to include values, but a value may be quoted by accident).
 */
export function finalizeIssues(pending: readonly PendingIssue[], locate: SourceLocator | undefined, secrets: readonly string[]): ConfigIssue[] {
  return pending.map(({ path, message, target }) => {
    const position = locate?.(path, target);
    const issue: ConfigIssue = { path: formatConfigPath(path), message: redactText(message, secrets) };
    if (position !== undefined) {
      issue.line = position.line;
      issue.column = position.column;
    }
    return issue;
  });
}

/** Orders issues by position, so a long list reads top to bottom like the file. */
export function byPosition(a: ConfigIssue, b: ConfigIssue): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0);
}
