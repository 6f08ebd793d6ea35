import { ConfigurationError, type ConfigIssue } from '@modelmesh/core';
import { findInstalledPlugin } from '../installed-providers.js';
import { loadConfigFile } from '@modelmesh/core/node';
import { paint, type Output } from '../terminal.js';

function issueLine(output: Output, issue: ConfigIssue, file: string): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column ?? 1}`;
  return `${paint(output, 'bold', where)}  ${issue.path || '<root>'}: ${issue.message}`;
}

/**
 * `modelmesh validate FILE`: every problem in a config file with line:column, warnings for
 * deprecated keys. Exit code 1 when the file is invalid.
 */
export async function validateCommand(output: Output, args: readonly string[]): Promise<number> {
  const file = args[0];
  if (!file) {
    output.error('usage: modelmesh validate FILE');
    return 2;
  }
  try {
    const config = await loadConfigFile(file, { knownProviders: [] });
    for (const warning of config.warnings) output.line(`${paint(output, 'yellow', 'warning')} ${issueLine(output, warning, file)}`);
    for (const provider of Object.values(config.providers)) {
      if (provider.enabled && !findInstalledPlugin(provider.connector)) {
        const issue = { path: `providers.${provider.id}.connector`, message: `no installed provider package handles "${provider.connector}"` };
        output.line(`${paint(output, 'yellow', 'warning')} ${issueLine(output, issue, file)}`);
      }
    }
    const counts = [`${Object.keys(config.providers).length} providers`, `${Object.keys(config.models).length} models`, `${Object.keys(config.pools).length} pools`, `${config.budgets.length} budgets`];
    output.line(`${paint(output, 'green', '✓')} ${file} is valid (${counts.join(', ')})`);
    return 0;
  } catch (error) {
    if (!ConfigurationError.isInstance(error)) throw error;
    const issues = error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }];
    for (const issue of issues) output.line(`${paint(output, 'red', 'error')} ${issueLine(output, issue, file)}`);
    output.line(`${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} in ${file}`);
    return 1;
  }
}
