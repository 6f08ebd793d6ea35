import type { ConfigPath } from './config-path.js';

/** Whether an issue points at a map key (unknown keys) or at the value under it. */
export type IssueTarget = 'key' | 'value';

/** An issue before it is given a display path and a source position. */
export interface PendingIssue {
  /** Where the problem is. */
  path: ConfigPath;
  /** What is wrong. */
  message: string;
  /** Which part of the YAML entry to point at. */
  target: IssueTarget;
}

/**
 * Gathers errors and warnings from every loading phase so that one
 * ConfigurationError can list all of them instead of stopping at the first.
 */
export class IssueCollector {
  /** Problems that make the document invalid. */
  readonly errors: PendingIssue[] = [];
  /** Deprecated or ignored keys; the document still loads. */
  readonly warnings: PendingIssue[] = [];

  /** Records a problem at `path`. */
  error(path: ConfigPath, message: string, target: IssueTarget = 'value'): void {
    this.errors.push({ path, message, target });
  }

  /** Records a warning at `path`. */
  warn(path: ConfigPath, message: string, target: IssueTarget = 'key'): void {
    this.warnings.push({ path, message, target });
  }

  /** Records the standard warning for a renamed original-ModelMesh key. */
  deprecated(path: ConfigPath, replacement: string): void {
    const key = path.at(-1);
    this.warn(path, `deprecated key ${String(key)}; use ${replacement}`);
  }

  /** Whether any error was recorded. */
  get hasErrors(): boolean {
    return this.errors.length > 0;
  }
}
