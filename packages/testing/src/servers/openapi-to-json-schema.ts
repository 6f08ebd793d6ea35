type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose value is a map from names to schemas (the names are not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is one schema. */
const SCHEMA_VALUES = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/**
 * Converts one OpenAPI 3.1 schema object to plain JSON Schema 2020-12. OpenAI's spec still
 * uses the OpenAPI 3.0 `nullable: true`, which JSON Schema ignores; it becomes
 * `anyOf: [schema, { type: 'null' }]` (wrapping rather than extending `type`, because the
 * schema may be a `$ref`, an `allOf` or an `enum` that would not admit null). Only schema
 * positions are walked, so a property that happens to be named `nullable` is left alone.
 * `x-` extensions, `discriminator`, `example` and formats stay: the validator ignores them.
 */
export function openApiToJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApiToJsonSchema);
  if (!isObject(schema)) return schema;
  const converted: JsonObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'nullable') continue;
    if (SCHEMA_MAPS.has(keyword) && isObject(value)) {
      converted[keyword] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, openApiToJsonSchema(sub)]));
    } else if ((SCHEMA_VALUES.has(keyword) || SCHEMA_LISTS.has(keyword)) && typeof value === 'object' && value !== null) {
      converted[keyword] = openApiToJsonSchema(value);
    } else {
      converted[keyword] = value;
    }
  }
  if (schema['nullable'] !== true) return converted;
  const { description, title, ...rest } = converted;
  return { ...(title === undefined ? {} : { title }), ...(description === undefined ? {} : { description }), anyOf: [rest, { type: 'null' }] };
}

/** Converts every schema of `components.schemas`, keeping the names. */
export function convertComponentSchemas(schemas: unknown): JsonObject {
  if (!isObject(schemas)) return {};
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, openApiToJsonSchema(schema)]));
}
