import { didYouMean } from './closest-match.js';
import { TOP_LEVEL_KEYS } from './document-schema.js';
import type { IssueCollector } from './issue-collector.js';

/** Original ModelMesh sections that have no equivalent here; they load with a warning. */
const IGNORED_SECTIONS = new Set(['storage', 'discovery', 'connectors']);

/** What each map section holds, for "expected a mapping of ..." messages. */
const MAP_SECTIONS: Readonly<Record<string, string>> = {
  providers: 'provider id to provider settings',
  models: 'model key to model settings',
  pools: 'pool name to pool settings',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks the document's top level: it must be a mapping, and every key must be
 * a known section (with a did-you-mean for typos) or an `x-` extension key. An empty document is valid:
 * everything can come from code and defaults. Returns undefined when the
 * document is not a mapping at all.
 */
export function readTopLevel(value: unknown, issues: IssueCollector): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    issues.error([], `expected a mapping of sections (${TOP_LEVEL_KEYS.filter((key) => key !== '$schema').join(', ')})`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    // `x-` keys hold YAML anchors to merge elsewhere (`<<: *defaults`), as in Docker Compose files.
    if (key.startsWith('x-')) continue;
    if (IGNORED_SECTIONS.has(key)) issues.warn([key], `section ${key} (original ModelMesh) is not used and is ignored`);
    else if (!TOP_LEVEL_KEYS.includes(key)) {
      issues.error([key], `unknown top-level section "${key}"${didYouMean(key, TOP_LEVEL_KEYS)}`, 'key');
    }
  }
  return value;
}

/** The entries of a map section (`providers`, `models`, `pools`), or none after reporting a wrong type. */
export function mapSection(document: Record<string, unknown>, key: string, issues: IssueCollector): [string, unknown][] {
  const section = document[key];
  if (section === undefined || section === null) return [];
  if (!isPlainObject(section)) {
    issues.error([key], `expected a mapping of ${MAP_SECTIONS[key] ?? 'names to settings'}, got ${Array.isArray(section) ? 'a list' : `a ${typeof section}`}`);
    return [];
  }
  return Object.entries(section);
}

/** `budgets` may be a list or a map; anything else is reported and skipped. */
export function budgetsSection(document: Record<string, unknown>, issues: IssueCollector): unknown {
  const section = document.budgets;
  if (section === undefined || section === null) return undefined;
  if (typeof section !== 'object') {
    issues.error(['budgets'], `expected a list of budgets or a mapping of name to budget, got a ${typeof section}`);
    return undefined;
  }
  return section;
}
