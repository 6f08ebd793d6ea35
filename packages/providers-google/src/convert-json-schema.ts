import type { GeminiSchema, GeminiSchemaType } from './gemini-types.js';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const TYPES: Readonly<Record<string, GeminiSchemaType>> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
};

/** The `format` values Gemini accepts, per type; any other format is a 400, so it is left out. */
const FORMATS: Readonly<Partial<Record<GeminiSchemaType, readonly string[]>>> = {
  STRING: ['enum', 'date-time'],
  INTEGER: ['int32', 'int64'],
  NUMBER: ['float', 'double'],
};

/** Keywords copied as they are when their value has the right JSON type. */
const NUMERIC_KEYWORDS = ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;

/** How deep `$ref`s are expanded before a recursive definition is cut off. */
const MAX_DEPTH = 32;

interface Walk {
  readonly root: Json;
  /** `$ref`s being expanded on the current path, to stop recursion. */
  readonly expanding: readonly string[];
  readonly depth: number;
}

function resolveRef(ref: string, root: Json): unknown {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match?.[1] || match[2] === undefined) return undefined;
  const defs = root[match[1]];
  return isRecord(defs) ? defs[decodeURIComponent(match[2].replace(/~1/g, '/').replace(/~0/g, '~'))] : undefined;
}

/** `allOf` members merged into one schema: properties and `required` are unioned, other keywords the last one wins. */
function mergeAllOf(schema: Json): Json {
  const members = Array.isArray(schema['allOf']) ? schema['allOf'].filter(isRecord) : [];
  const { allOf: _allOf, ...rest } = schema;
  const merged: Json = {};
  const properties: Json = {};
  const required = new Set<string>();
  for (const part of [...members, rest]) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isRecord(value)) {
        Object.assign(properties, value);
      } else if (key === 'required' && Array.isArray(value)) {
        for (const name of value) if (typeof name === 'string') required.add(name);
      } else {
        merged[key] = value;
      }
    }
  }
  if (Object.keys(properties).length > 0) merged['properties'] = properties;
  if (required.size > 0) merged['required'] = [...required];
  return merged;
}

function isNullSchema(value: unknown): boolean {
  return isRecord(value) && (value['type'] === 'null' || (Array.isArray(value['type']) && value['type'].length === 1 && value['type'][0] === 'null'));
}

function copyScalars(source: Json, target: GeminiSchema): void {
  if (typeof source['title'] === 'string') target.title = source['title'];
  if (typeof source['description'] === 'string') target.description = source['description'];
  if (source['nullable'] === true) target.nullable = true;
  if (typeof source['pattern'] === 'string') target.pattern = source['pattern'];
  for (const key of NUMERIC_KEYWORDS) {
    const value = source[key];
    if (typeof value === 'number' && Number.isFinite(value)) target[key] = value;
  }
  if (source['default'] !== undefined) target.default = source['default'];
  if (source['example'] !== undefined) target.example = source['example'];
  else if (Array.isArray(source['examples']) && source['examples'].length > 0) target.example = source['examples'][0];
  if (Array.isArray(source['propertyOrdering']) && source['propertyOrdering'].every((n) => typeof n === 'string')) target.propertyOrdering = [...(source['propertyOrdering'] as string[])];
}

function convertNode(input: unknown, walk: Walk): GeminiSchema {
  if (!isRecord(input) || walk.depth > MAX_DEPTH) return {};
  let source = input;
  const ref = source['$ref'];
  if (typeof ref === 'string') {
    const target = walk.expanding.includes(ref) ? undefined : resolveRef(ref, walk.root);
    // A recursive (or unresolvable) reference cannot be expressed: it becomes an unconstrained object.
    if (!isRecord(target)) return { type: 'OBJECT', ...(typeof source['description'] === 'string' ? { description: source['description'] } : {}) };
    const { $ref: _ref, ...siblings } = source;
    return convertNode({ ...target, ...siblings }, { ...walk, expanding: [...walk.expanding, ref], depth: walk.depth + 1 });
  }
  if (Array.isArray(source['allOf'])) source = mergeAllOf(source);
  const next: Walk = { ...walk, depth: walk.depth + 1 };
  const out: GeminiSchema = {};

  // anyOf / oneOf (Gemini has only anyOf): a null member becomes `nullable`; a single member is inlined.
  const union = Array.isArray(source['anyOf']) ? source['anyOf'] : Array.isArray(source['oneOf']) ? source['oneOf'] : undefined;
  if (union !== undefined) {
    const members = union.filter((member) => !isNullSchema(member));
    const nullable = members.length < union.length;
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = source;
    if (members.length === 1) {
      const inlined = convertNode({ ...rest, ...(members[0] as Json) }, next);
      return nullable ? { ...inlined, nullable: true } : inlined;
    }
    copyScalars(rest, out);
    if (nullable) out.nullable = true;
    if (members.length > 1) out.anyOf = members.map((member) => convertNode(member, next));
    return out;
  }

  // `type` may be a list: "null" becomes `nullable`, several other types become `anyOf`.
  const declared = Array.isArray(source['type']) ? source['type'].filter((t): t is string => typeof t === 'string') : typeof source['type'] === 'string' ? [source['type']] : [];
  const nonNull = declared.filter((t) => t !== 'null');
  if (nonNull.length > 1) {
    const { type: _type, ...rest } = source;
    copyScalars(rest, out);
    if (declared.includes('null')) out.nullable = true;
    out.anyOf = nonNull.map((t) => convertNode({ ...rest, type: t }, next));
    return out;
  }
  copyScalars(source, out);
  if (declared.includes('null') && nonNull.length === 1) out.nullable = true;
  let type = nonNull[0] === undefined ? undefined : TYPES[nonNull[0]];
  if (type === undefined && declared.length === 1 && declared[0] === 'null') type = 'NULL';

  // `const` and `enum`: Gemini's enums are lists of strings; other enums are left out.
  const enumValues = source['const'] !== undefined ? [source['const']] : Array.isArray(source['enum']) ? source['enum'] : undefined;
  if (enumValues !== undefined && enumValues.length > 0 && enumValues.every((v) => typeof v === 'string')) {
    out.enum = [...(enumValues as string[])];
    type ??= 'STRING';
  }

  const properties = source['properties'];
  if (isRecord(properties)) {
    type ??= 'OBJECT';
    out.properties = Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, convertNode(value, next)]));
    const required = Array.isArray(source['required']) ? source['required'].filter((name): name is string => typeof name === 'string' && name in properties) : [];
    if (required.length > 0) out.required = required;
  }
  const items = source['items'];
  if (isRecord(items)) {
    type ??= 'ARRAY';
    out.items = convertNode(items, next);
  }
  if (type !== undefined) out.type = type;
  const format = source['format'];
  if (typeof format === 'string' && type !== undefined && (FORMATS[type] ?? []).includes(format)) out.format = format;
  return orderKeys(out);
}

/** `type` first, as Google's examples write schemas (only cosmetic: key order carries no meaning). */
function orderKeys(schema: GeminiSchema): GeminiSchema {
  if (schema.type === undefined) return schema;
  const { type, ...rest } = schema;
  return { type, ...rest };
}

/**
 * Converts a JSON Schema (as OpenAI tools and `response_format` carry it) to the OpenAPI 3.0
 * subset Gemini's `Schema` accepts:
 *
 * - type names become Gemini's (`object` → `OBJECT`); `["string", "null"]` becomes `nullable`, several types `anyOf`;
 * - `anyOf` / `oneOf` become `anyOf`, with a `null` member turned into `nullable` and a single member inlined;
 * - `allOf` is merged into one schema; local `$ref`s (`#/$defs/...`, `#/definitions/...`) are inlined,
 *   and a recursive one becomes an unconstrained `OBJECT`;
 * - `const` and string `enum`s become `enum` (non-string enums are left out);
 * - kept: `description`, `title`, `nullable`, `properties`, `required` (only names that are properties),
 *   `items`, `minimum`/`maximum`, `minLength`/`maxLength`, `minItems`/`maxItems`, `minProperties`/`maxProperties`,
 *   `pattern`, `default`, `example` (or the first of `examples`), `propertyOrdering`, and `format` where Gemini
 *   accepts it (`date-time`/`enum` strings, `int32`/`int64`, `float`/`double`);
 * - dropped, because Gemini rejects or ignores them: `additionalProperties`, `$schema`, `$id`, `$defs`,
 *   `definitions`, `strict`, `exclusiveMinimum`/`exclusiveMaximum`, `multipleOf`, `uniqueItems`,
 *   `patternProperties`, `not`, `if`/`then`/`else`, other formats, and anything else not listed above.
 */
export function toGeminiSchema(schema: Readonly<Record<string, unknown>>): GeminiSchema {
  return convertNode(schema, { root: schema as Json, expanding: [], depth: 0 });
}
