import { ConfigurationError, type ConfigIssue } from '@modelmesh/core';
import { loadConfigFile } from '@modelmesh/core/node';
import { requireConfigFile } from '../config-file.js';
import { findInstalledPlugin } from '../installed-providers.js';
import { paint, type Output } from '../terminal.js';

/** An issue as `validate --json` prints it. */
interface IssueJson {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

function issueJson(issue: ConfigIssue): IssueJson {
  return { path: issue.path, message: issue.message, ...(issue.line !== undefined ? { line: issue.line } : {}), ...(issue.column !== undefined ? { column: issue.column } : {}) };
}

function issueLine(output: Output, issue: ConfigIssue, file: string): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column ?? 1}`;
  return `${paint(output, 'bold', where)}  ${issue.path || '<root>'}: ${issue.message}`;
}

/** Validates the file; prints problems (or JSON) and returns 0 when valid, 1 when not. */
export async function validateCommand(output: Output, values: Readonly<Record<string, unknown>>, positionals: readonly string[]): Promise<number> {
  const file = positionals[0] ?? requireConfigFile({});
  const json = values['json'] === true;
  try {
    const config = await loadConfigFile(file, { knownProviders: [] });
    const warnings: ConfigIssue[] = [...config.warnings];
    for (const provider of Object.values(config.providers)) {
      if (provider.enabled && !findInstalledPlugin(provider.connector)) {
        warnings.push({ path: `providers.${provider.id}.connector`, message: `no installed provider package handles "${provider.connector}"` });
      }
    }
    const counts = { providers: Object.keys(config.providers).length, models: Object.keys(config.models).length, pools: Object.keys(config.pools).length, budgets: config.budgets.length };
    if (json) {
      output.line(JSON.stringify({ file, valid: true, errors: [], warnings: warnings.map(issueJson), counts }, null, 2));
      return 0;
    }
    for (const warning of warnings) output.line(`${paint(output, 'yellow', 'warning')} ${issueLine(output, warning, file)}`);
    const summary = Object.entries(counts).map(([name, count]) => `${count} ${name}`);
    output.line(`${paint(output, 'green', '✓')} ${file} is valid (${summary.join(', ')})`);
    return 0;
  } catch (error) {
    if (!ConfigurationError.isInstance(error)) throw error;
    const issues = error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }];
    if (json) {
      output.line(JSON.stringify({ file, valid: false, errors: issues.map(issueJson), warnings: [], counts: null }, null, 2));
      return 1;
    }
    for (const issue of issues) output.line(`${paint(output, 'red', 'error')} ${issueLine(output, issue, file)}`);
    output.line(`${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} in ${file}`);
    return 1;
  }
}
