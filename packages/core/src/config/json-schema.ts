import * as z from 'zod/mini';
import { documentSchema } from './document-schema.js';
import { DOCUMENT_TITLE, keyDescriptions } from './schema-descriptions.js';

/** A `${VAR}` / `${secrets:NAME}` reference, which may stand for a number or boolean until loading. */
const REFERENCE = { type: 'string', pattern: '^\\$\\{[^}]+\\}$', description: 'A ${VAR} or ${secrets:NAME} reference.' };

/** JSON Schema types that a whole `${...}` reference may replace (the loader coerces them). */
const COERCIBLE = new Set(['number', 'integer', 'boolean']);

/**
 * The JSON Schema (draft 2020-12) of the configuration document as users write
 * it, for editor validation and autocompletion (for example with a
 * `# yaml-language-server: $schema=...` comment). Number and boolean fields
 * also accept a `${VAR}` reference, as the loader does.
 */
export function configJsonSchema(): Record<string, unknown> {
  const descriptions = keyDescriptions();
  return z.toJSONSchema(documentSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema, path }) => {
      const schema = jsonSchema as Record<string, unknown>;
      if (path.length === 0) Object.assign(schema, { title: DOCUMENT_TITLE, patternProperties: { '^x-': { description: 'Extension key for YAML anchors; ignored.' } } });
      const description = descriptions.get(zodSchema);
      if (description !== undefined) schema.description = description;
      if (typeof schema.type !== 'string' || !COERCIBLE.has(schema.type)) return;
      // A branch of a union (durations, sizes) already sits next to a string branch that takes references.
      if (path.at(-2) === 'anyOf') return;
      const { description: text, deprecated, ...exact } = schema;
      for (const key of Object.keys(schema)) delete schema[key];
      Object.assign(schema, { description: text, deprecated, anyOf: [exact, REFERENCE] });
      for (const key of ['description', 'deprecated']) if (schema[key] === undefined) delete schema[key];
    },
  }) as Record<string, unknown>;
}
