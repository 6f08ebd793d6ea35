import { type Document, LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ConfigIssue } from '@modelmesh/provider';
import { formatConfigPath } from './config-path.js';
import { createYamlLocator, pathAtOffset, type SourceLocator } from './yaml-locator.js';
import { findReferenceProblems } from './yaml-references.js';

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

/** The most alias expansions a document may make; more suggests a "billion laughs" document. */
const MAX_ALIAS_COUNT = 1000;

function convert(doc: Document, lineCounter: LineCounter): { value: unknown; errors: ConfigIssue[] } {
  const problems = findReferenceProblems(doc);
  if (problems.length > 0) {
    return {
      value: undefined,
      errors: problems.map(({ offset, message }) => {
        const { line, col } = lineCounter.linePos(offset);
        return { path: formatConfigPath(pathAtOffset(doc, offset)), message: `YAML error: ${message}`, line, column: col };
      }),
    };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), errors: [] };
  } catch (error) {
    // What the checks above do not foresee (too many aliases, a stack too deep) still ends as a ConfigurationError.
    const reason = error instanceof Error ? error.message : String(error);
    const message = /alias count/i.test(reason) ? `more than ${MAX_ALIAS_COUNT} alias expansions` : reason;
    return { value: undefined, errors: [{ path: '', message: `YAML error: ${message}` }] };
  }
}

/**
 * Parses YAML text (JSON is YAML too) into plain data. Merge keys (`<<: *base`)
 * are honoured. Version-like numbers stay numbers (`1.10` is 1.1), so the schema
 * can reject them in string fields instead of silently keeping a wrong value.
 * Duplicate keys are errors but do not stop validation (the later value is used
 * meanwhile), so the rest of the document is still checked; syntax errors, unknown
 * anchors and merges of anything but mappings do.
 */
export function parseConfigText(text: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
  const errors = doc.errors.map((problem) => toIssue(problem, doc, lineCounter));
  const warnings = doc.warnings.map((problem) => toIssue(problem, doc, lineCounter));
  const fatal = doc.errors.some((problem) => problem.code !== 'DUPLICATE_KEY');
  const converted = fatal ? { value: undefined, errors: [] } : convert(doc, lineCounter);
  return {
    value: converted.value,
    locate: createYamlLocator(doc, lineCounter),
    errors: [...errors, ...converted.errors],
    warnings,
  };
}
