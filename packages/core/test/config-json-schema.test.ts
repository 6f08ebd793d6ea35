import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configJsonSchema } from '../src/index.js';

type Schema = Record<string, unknown>;

/**
 * A small JSON Schema checker covering the keywords the generated schema uses,
 * enough to prove that an editor would accept real files and flag mistakes.
 * Returns the paths that fail.
 */
function check(schema: Schema, value: unknown, path = '$'): string[] {
  if (Array.isArray(schema.anyOf)) {
    const branches = (schema.anyOf as Schema[]).map((branch) => check(branch, value, path));
    return branches.some((errors) => errors.length === 0) ? [] : (branches.flat().length > 0 ? [`${path} (no anyOf branch)`] : []);
  }
  const type = schema.type as string | undefined;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (type !== undefined && type !== actual && !(type === 'number' && actual === 'integer')) return [`${path}: ${actual} is not ${type}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${path}: not in enum`];
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) return [`${path}: pattern`];
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) return [`${path}: minimum`];
  if (typeof value === 'number' && typeof schema.maximum === 'number' && value > schema.maximum) return [`${path}: maximum`];
  if (Array.isArray(value) && schema.items) return value.flatMap((item, i) => check(schema.items as Schema, item, `${path}[${i}]`));
  if (actual !== 'object') return [];
  const object = value as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
  const missing = ((schema.required ?? []) as string[]).filter((key) => !(key in object)).map((key) => `${path}.${key}: required`);
  return [
    ...missing,
    ...Object.entries(object).flatMap(([key, item]) => {
      const own = properties[key] ?? patterns.find(([pattern]) => new RegExp(pattern).test(key))?.[1];
      if (own !== undefined) return check(own, item, `${path}.${key}`);
      if (schema.additionalProperties === false) return [`${path}.${key}: not allowed`];
      return typeof schema.additionalProperties === 'object' ? check(schema.additionalProperties as Schema, item, `${path}.${key}`) : [];
    }),
  ];
}

const fixture = (name: string) => parseYaml(readFileSync(new URL(`./__fixtures__/config/${name}`, import.meta.url), 'utf8')) as unknown;

describe('configJsonSchema', () => {
  const schema = configJsonSchema();

  it('is a closed object schema with every top-level section', () => {
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', additionalProperties: false });
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['providers', 'models', 'pools', 'budgets', 'secrets', 'state', 'observability', 'proxy', 'capabilities', 'defaults']),
    );
  });

  it('describes durations and marks original keys deprecated, for editors', () => {
    const pools = (schema.properties as Record<string, Schema>).pools as Schema;
    const pool = ((pools.additionalProperties as Schema).anyOf as Schema[])[0] as Schema;
    const poolProperties = pool.properties as Record<string, Schema>;
    const recovery = poolProperties.recovery?.properties as Record<string, Schema>;
    expect(recovery.cooldown?.description).toMatch(/First cooldown/);
    expect(poolProperties.cooldown_seconds?.deprecated).toBe(true);
  });

  it('describes a key in every section that shares it', () => {
    const at = (path: string): Schema =>
      path.split('.').reduce<Schema>((node, key) => {
        const next = key === '[]' ? node.items : key === '*' ? node.additionalProperties : (node.properties as Record<string, Schema> | undefined)?.[key];
        const schema = next as Schema;
        // Nullable entries (pools.<name>: ~) are an anyOf of the object and null.
        return Array.isArray(schema.anyOf) && !('type' in schema) ? ((schema.anyOf as Schema[]).find((branch) => branch.type === 'object') ?? schema) : schema;
      }, schema);
    expect(at('defaults.timeouts.request').description).toMatch(/Whole request/);
    expect(at('pools.*.timeouts.request').description).toMatch(/Whole request/);
    expect(at('pools.*.hedge.after').description).toMatch(/Start the next candidate/);
    expect(at('pools.*.model_priority').description).toMatch(/preference order/);
    expect(at('providers.*.api_key').description).toMatch(/API key/);
    expect(at('providers.*.config.api_key').description).toMatch(/API key/);
    expect(at('proxy.auth.keys.[].budget.period').description).toMatch(/Counting window/);
    expect(at('middleware').description).toMatch(/outermost first/);
    expect(schema.title).toBe('ModelMesh configuration');
  });

  it('accepts the full example and the original compact example', () => {
    expect(check(schema, fixture('full.yaml'))).toEqual([]);
    expect(check(schema, fixture('original-compact.yaml'))).toEqual([]);
  });

  it('accepts ${VAR} references in number fields and x- anchor keys', () => {
    expect(check(schema, { proxy: { port: '${PORT}' }, 'x-base': { anything: true } })).toEqual([]);
  });

  it('flags unknown keys and wrong types as the loader does', () => {
    expect(check(schema, { pools: { chat: { stratgy: 'priority' } } })).toEqual(['$.pools.chat (no anyOf branch)']);
    expect(check(schema, { proxy: { port: 'eighty' } })).toEqual(['$.proxy.port (no anyOf branch)']);
    expect(check(schema, { telemetry: {} })).toEqual(['$.telemetry: not allowed']);
    expect(check(schema, { budgets: [{ period: 'weekly', limit_usd: 1 }] })).toEqual(['$.budgets (no anyOf branch)']);
  });
});

describe('the schema file written by the build', () => {
  const built = existsSync(new URL('../dist/index.js', import.meta.url));

  // The script runs the built code, so compare the shape rather than every byte (dist may lag the sources in watch mode).
  it.skipIf(!built)('is written by scripts/write-config-schema.mjs with every section', () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelmesh-schema-'));
    try {
      const target = join(dir, 'modelmesh.config.schema.json');
      execFileSync(process.execPath, [new URL('../scripts/write-config-schema.mjs', import.meta.url).pathname, target]);
      const written = JSON.parse(readFileSync(target, 'utf8')) as Schema;
      expect(written).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Object.keys(written.properties as object)).toEqual(Object.keys(configJsonSchema().properties as object));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync(new URL('../schema/modelmesh.config.schema.json', import.meta.url)))('is exported as @modelmesh/core/config.schema.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
    expect(manifest.exports['./config.schema.json']).toBe('./schema/modelmesh.config.schema.json');
    const file = JSON.parse(readFileSync(new URL('../schema/modelmesh.config.schema.json', import.meta.url), 'utf8')) as Schema;
    expect(file.type).toBe('object');
  });
});
