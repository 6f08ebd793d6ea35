import { brandError, ModelMeshError, type ModelMeshErrorOptions } from './model-mesh-error.js';

/** One problem found in a configuration document. */
export interface ConfigIssue {
  /** Dotted path of the offending value, e.g. `pools.chat.strategy` (empty for the whole document). */
  path: string;
  /** What is wrong and, where possible, what is expected. */
  message: string;
  /** 1-based line in the source text, when the config came from text. */
  line?: number;
  /** 1-based column in the source text, when the config came from text. */
  column?: number;
}

/** Options of {@link ConfigurationError}. */
export interface ConfigurationErrorOptions extends ModelMeshErrorOptions {
  /** Every problem found (validation collects them all, not just the first). */
  issues?: readonly ConfigIssue[];
  /** Where the config came from (a file path), for messages. */
  source?: string;
}

/** Formats one issue as `path (line:column): message`. */
export function formatConfigIssue(issue: ConfigIssue, source?: string): string {
  const where = issue.line === undefined ? '' : ` (${source ? `${source}:` : 'line '}${issue.line}:${issue.column ?? 1})`;
  return `${issue.path || '<root>'}${where}: ${issue.message}`;
}

/** The configuration is invalid. `issues` (also in `details.issues`) lists every problem with its path and position. */
export class ConfigurationError extends ModelMeshError {
  /** Every problem found. */
  readonly issues: readonly ConfigIssue[];

  constructor(options: ConfigurationErrorOptions = {}) {
    const issues = options.issues ?? [];
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const message =
      options.message ??
      (issues.length === 0
        ? 'Invalid configuration'
        : `Invalid configuration${options.source ? ` in ${options.source}` : ''} (${count}):\n${issues
            .map((issue) => `  - ${formatConfigIssue(issue, options.source)}`)
            .join('\n')}`);
    super({ ...options, message, details: { ...options.details, issues: issues.map((issue) => ({ ...issue })) } });
    this.issues = issues;
  }
}
brandError(ConfigurationError, 'ConfigurationError');
