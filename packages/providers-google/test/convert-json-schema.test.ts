import { describe, expect, it } from 'vitest';
import { toGeminiSchema } from '../src/internal.js';

describe('toGeminiSchema', () => {
  it('maps type names and keeps the keywords Gemini accepts', () => {
    expect(
      toGeminiSchema({
        type: 'object',
        title: 'Query',
        description: 'A search',
        properties: {
          q: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z]+$', default: 'x', examples: ['cats'] },
          limit: { type: 'integer', minimum: 1, maximum: 50, format: 'int32' },
          score: { type: 'number', format: 'double' },
          exact: { type: 'boolean' },
          tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
        },
        required: ['q'],
        minProperties: 1,
        maxProperties: 5,
        propertyOrdering: ['q', 'limit'],
      }),
    ).toEqual({
      type: 'OBJECT',
      title: 'Query',
      description: 'A search',
      properties: {
        q: { type: 'STRING', minLength: 1, maxLength: 100, pattern: '^[a-z]+$', default: 'x', example: 'cats' },
        limit: { type: 'INTEGER', minimum: 1, maximum: 50, format: 'int32' },
        score: { type: 'NUMBER', format: 'double' },
        exact: { type: 'BOOLEAN' },
        tags: { type: 'ARRAY', items: { type: 'STRING' }, minItems: 1, maxItems: 5 },
      },
      required: ['q'],
      minProperties: 1,
      maxProperties: 5,
      propertyOrdering: ['q', 'limit'],
    });
  });

  it('drops keywords Gemini rejects: additionalProperties, $schema, strict, exclusive bounds, uniqueItems, unsupported formats', () => {
    const schema = toGeminiSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'urn:x',
      type: 'object',
      additionalProperties: false,
      strict: true,
      properties: {
        email: { type: 'string', format: 'email' },
        n: { type: 'number', exclusiveMinimum: 0, multipleOf: 2 },
        list: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        map: { type: 'object', patternProperties: { '^x': { type: 'string' } }, properties: { a: { type: 'string' } } },
        neither: { not: { type: 'string' } },
      },
    });
    expect(schema).toEqual({
      type: 'OBJECT',
      properties: {
        email: { type: 'STRING' },
        n: { type: 'NUMBER' },
        list: { type: 'ARRAY', items: { type: 'STRING' } },
        map: { type: 'OBJECT', properties: { a: { type: 'STRING' } } },
        neither: {},
      },
    });
  });

  it('turns "null" in a type list, or a null member of anyOf/oneOf, into nullable', () => {
    expect(toGeminiSchema({ type: ['string', 'null'] })).toEqual({ type: 'STRING', nullable: true });
    expect(toGeminiSchema({ anyOf: [{ type: 'integer' }, { type: 'null' }], description: 'maybe' })).toEqual({ type: 'INTEGER', nullable: true, description: 'maybe' });
    expect(toGeminiSchema({ oneOf: [{ type: 'null' }, { type: 'object', properties: { a: { type: 'string' } } }] })).toEqual({ type: 'OBJECT', nullable: true, properties: { a: { type: 'STRING' } } });
  });

  it('keeps real unions as anyOf, and several types as an anyOf of each', () => {
    expect(toGeminiSchema({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toEqual({ anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] });
    expect(toGeminiSchema({ type: ['string', 'integer', 'null'], description: 'id' })).toEqual({ description: 'id', nullable: true, anyOf: [{ type: 'STRING', description: 'id' }, { type: 'INTEGER', description: 'id' }] });
  });

  it('makes string enums and const into enum, leaving non-string enums out', () => {
    expect(toGeminiSchema({ type: 'string', enum: ['a', 'b'] })).toEqual({ type: 'STRING', enum: ['a', 'b'] });
    expect(toGeminiSchema({ enum: ['x', 'y'] })).toEqual({ type: 'STRING', enum: ['x', 'y'] });
    expect(toGeminiSchema({ const: 'fixed' })).toEqual({ type: 'STRING', enum: ['fixed'] });
    expect(toGeminiSchema({ type: 'integer', enum: [1, 2, 3] })).toEqual({ type: 'INTEGER' });
  });

  it('merges allOf and infers OBJECT / ARRAY from properties / items', () => {
    expect(
      toGeminiSchema({
        allOf: [
          { properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'number' } }, required: ['b'] },
        ],
        description: 'both',
      }),
    ).toEqual({ type: 'OBJECT', description: 'both', properties: { a: { type: 'STRING' }, b: { type: 'NUMBER' } }, required: ['a', 'b'] });
    expect(toGeminiSchema({ items: { type: 'boolean' } })).toEqual({ type: 'ARRAY', items: { type: 'BOOLEAN' } });
  });

  it('keeps only required names that are properties', () => {
    expect(toGeminiSchema({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'ghost'] })).toEqual({ type: 'OBJECT', properties: { a: { type: 'STRING' } }, required: ['a'] });
  });

  it('inlines local $refs from $defs and definitions, cutting recursion to an unconstrained object', () => {
    const schema = toGeminiSchema({
      type: 'object',
      properties: {
        home: { $ref: '#/$defs/Address', description: 'Where they live' },
        work: { $ref: '#/definitions/Address' },
        boss: { $ref: '#/$defs/Person' },
        missing: { $ref: '#/$defs/Nope' },
      },
      $defs: {
        Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        Person: { type: 'object', properties: { name: { type: 'string' }, manager: { $ref: '#/$defs/Person' } } },
      },
      definitions: { Address: { type: 'object', properties: { street: { type: 'string' } } } },
    });
    expect(schema.properties?.['home']).toEqual({ type: 'OBJECT', description: 'Where they live', properties: { city: { type: 'STRING' } }, required: ['city'] });
    expect(schema.properties?.['work']).toEqual({ type: 'OBJECT', properties: { street: { type: 'STRING' } } });
    expect(schema.properties?.['boss']).toEqual({ type: 'OBJECT', properties: { name: { type: 'STRING' }, manager: { type: 'OBJECT' } } });
    expect(schema.properties?.['missing']).toEqual({ type: 'OBJECT' });
    expect(JSON.stringify(schema)).not.toContain('$defs');
  });

  it('keeps a nullable flag written OpenAPI-style', () => {
    expect(toGeminiSchema({ type: 'string', nullable: true })).toEqual({ type: 'STRING', nullable: true });
  });
});
