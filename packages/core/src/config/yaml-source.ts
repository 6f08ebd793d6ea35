import { type Document, LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ConfigIssue } from '@modelmesh/provider';
import { formatConfigPath } from './config-path.js';
import { createYamlLocator, pathAtOffset, type SourceLocator } from './yaml-locator.js';

/** A parsed configuration text. */
export interface ParsedSource {
  /** The plain data (maps become objects). Undefined when the text could not be parsed. */
  value: unknown;
  /** Maps document paths back to lines and columns. */
  locate: SourceLocator;
  /** Syntax errors and duplicate keys, already positioned. */
  errors: ConfigIssue[];
  /** YAML warnings (for example unknown tags), already positioned. */
  warnings: ConfigIssue[];
}

function toIssue(problem: YAMLError, doc: Document, lineCounter: LineCounter): ConfigIssue {
  const { line, col } = lineCounter.linePos(problem.pos[0]);
  // yaml's messages start with a sentence and may append " at line x, column y" and a code frame.
  const message = problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? problem.code;
  const kind = problem.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'YAML syntax error';
  return { path: formatConfigPath(pathAtOffset(doc, problem.pos[0])), message: `${kind}: ${message}`, line, column: col };
}

/**
 * Parses YAML text (JSON is YAML too) into plain data. Merge keys (`<<: *base`)
 * are honoured. Version-like numbers stay numbers (`1.10` is 1.1), so the schema
 * can reject them in string fields instead of silently keeping a wrong value.
 * Duplicate keys are errors but do not stop validation (the later value is used
 * meanwhile), so the rest of the document is still checked; syntax errors do.
 */
export function parseConfigText(text: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
  const errors = doc.errors.map((problem) => toIssue(problem, doc, lineCounter));
  const warnings = doc.warnings.map((problem) => toIssue(problem, doc, lineCounter));
  const fatal = doc.errors.some((problem) => problem.code !== 'DUPLICATE_KEY');
  return {
    value: fatal ? undefined : doc.toJS({ maxAliasCount: 1000 }),
    locate: createYamlLocator(doc, lineCounter),
    errors,
    warnings,
  };
}
