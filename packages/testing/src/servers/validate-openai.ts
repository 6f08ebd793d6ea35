import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { convertComponentSchemas } from './openapi-to-json-schema.js';

/** Schemas of OpenAI's spec that ModelMesh checks wire traffic against; any other component name works too. */
export type OpenAISchemaName =
  | 'CreateChatCompletionRequest'
  | 'CreateChatCompletionResponse'
  | 'CreateChatCompletionStreamResponse'
  | 'CreateEmbeddingRequest'
  | 'CreateEmbeddingResponse'
  | 'ListModelsResponse'
  | 'Model'
  | 'ErrorResponse'
  | (string & {});

/** The outcome of {@link validateOpenAI}. */
export interface OpenAIValidationResult {
  readonly valid: boolean;
  /** One line per violation: `<json pointer>: <message>`. Empty when valid. */
  readonly errors: readonly string[];
}

/** The bits of ajv used here, typed locally because ajv is an optional peer loaded on first use. */
interface AjvError {
  readonly instancePath: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}
interface AjvValidate {
  (value: unknown): boolean;
  errors?: AjvError[] | null;
}
interface AjvInstance {
  addSchema(schema: object): unknown;
  getSchema(ref: string): AjvValidate | undefined;
}
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

/** `$id` of the spec document inside ajv; refs `#/components/schemas/X` resolve against it. */
const SPEC_ID = 'https://modelmesh.dev/openai-openapi.json';
/** The vendored spec: `openapi/` beside `src/` and `dist/`, two levels up from this file in either. */
const SPEC_URL = new URL('../../openapi/openai-openapi.yaml', import.meta.url);

let ajv: AjvInstance | undefined;
let schemaNames: ReadonlySet<string> = new Set();
const validators = new Map<string, AjvValidate>();

/**
 * Loads the spec and ajv once. ajv and yaml are loaded with `require` on first use (both ship
 * CommonJS), so that the fake servers work where they are not installed and the 3 MB spec is
 * only parsed by tests that validate.
 */
function loadAjv(): AjvInstance {
  if (ajv) return ajv;
  const require = createRequire(import.meta.url);
  let Ajv2020: AjvConstructor;
  let parseYaml: (text: string) => unknown;
  try {
    Ajv2020 = (require('ajv/dist/2020') as { default: AjvConstructor }).default;
    parseYaml = (require('yaml') as { parse: (text: string) => unknown }).parse;
  } catch (cause) {
    throw new Error('validateOpenAI needs the optional peer dependencies "ajv" (8.x) and "yaml" (2.x); install them as devDependencies.', { cause });
  }
  const spec = parseYaml(readFileSync(SPEC_URL, 'utf8')) as { components?: { schemas?: unknown } };
  const schemas = convertComponentSchemas(spec.components?.schemas);
  // strict: false lets the OpenAPI extras (x-*, discriminator, example) through; formats such as `unixtime` are OpenAI's own.
  const instance = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  instance.addSchema({ $id: SPEC_ID, components: { schemas } });
  schemaNames = new Set(Object.keys(schemas));
  ajv = instance;
  return instance;
}

function describeError(error: AjvError): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra =
    typeof error.params['additionalProperty'] === 'string'
      ? ` '${error.params['additionalProperty']}'`
      : Array.isArray(error.params['allowedValues'])
        ? ` ${JSON.stringify(error.params['allowedValues'])}`
        : '';
  return `${where}: ${error.message ?? 'is invalid'}${extra}`;
}

/**
 * Validates a value against a schema of OpenAI's published OpenAPI spec (vendored, MIT):
 * e.g. `validateOpenAI('CreateChatCompletionStreamResponse', chunk)`. The first call loads and
 * compiles the spec (about a second); later calls reuse it. Throws for an unknown schema name.
 */
export function validateOpenAI(schemaName: OpenAISchemaName, value: unknown): OpenAIValidationResult {
  let validate = validators.get(schemaName);
  if (!validate) {
    const instance = loadAjv();
    if (!schemaNames.has(schemaName)) throw new Error(`OpenAI's spec has no schema named "${schemaName}"`);
    validate = instance.getSchema(`${SPEC_ID}#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`Could not compile OpenAI schema "${schemaName}"`);
    validators.set(schemaName, validate);
  }
  const valid = validate(value);
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describeError) };
}
