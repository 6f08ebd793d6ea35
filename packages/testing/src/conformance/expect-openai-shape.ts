import { expect } from 'vitest';
import { validateOpenAI, type OpenAISchemaName } from '../servers/validate-openai.js';
import type { ResolvedConformanceOptions } from './conformance-options.js';

/**
 * Asserts that what the provider returned is valid per OpenAI's spec, in its JSON form (the
 * shape the proxy would serialise). Skipped when `features.validateOutput` is false.
 */
export function expectOpenAIShape(options: Pick<ResolvedConformanceOptions, 'validateOutput'>, schema: OpenAISchemaName, value: unknown): void {
  if (!options.validateOutput) return;
  const json = JSON.parse(JSON.stringify(value)) as unknown;
  expect(validateOpenAI(schema, json).errors, `${schema} returned by the provider`).toEqual([]);
}
