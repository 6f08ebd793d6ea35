import * as z from 'zod/mini';
import { parseByteSize } from './byte-size.js';
import { DURATION_EXAMPLES, parseDuration } from './duration.js';

/**
 * Output of a key the original ModelMesh documented but this router does not
 * use. The loader turns each one into a warning and drops it, so such files
 * still load (zod has no notion of warnings, hence the sentinel).
 */
export const IGNORED: unique symbol = Symbol.for('modelmesh.config.ignored');

/** Adds JSON Schema metadata (for editors) to a schema: the functional form of classic zod's `.meta()`. */
function meta<T extends z.ZodMiniType>(schema: T, metadata: z.core.GlobalMeta): T {
  return schema.check(z.meta(metadata));
}

/** A key accepted for compatibility with the original ModelMesh, then ignored with a warning. */
export function ignoredKey() {
  return meta(z.optional(z.pipe(z.unknown(), z.transform((): typeof IGNORED => IGNORED))), {
    deprecated: true,
    description: 'Original ModelMesh key; accepted and ignored.',
  });
}

/**
 * A key that nothing acts on and no planned work will: setting it is an error that
 * says why, rather than an unknown-key error or, worse, silence. Its JSON Schema is
 * `not: {}`, so editors flag it too.
 */
export function unsupportedKey(reason: string) {
  return meta(z.optional(z.never({ error: `is not supported: ${reason}` })), { description: `Not supported: ${reason}` });
}

/** Marks a key as the original ModelMesh spelling of another key, for the JSON Schema. */
export function deprecatedAlias<T extends z.ZodMiniType>(schema: T, replacement: string) {
  return meta(z.optional(schema), { deprecated: true, description: `Deprecated; use ${replacement}.` });
}

/** Accepted string forms, for editors only: the loader gives better messages than a pattern would. */
const DURATION_PATTERN = '^(\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h|d))+\\s*$|^\\d+(\\.\\d+)?$|^\\$\\{[^}]+\\}$';
const BYTE_SIZE_PATTERN = '^\\d+(\\.\\d+)?\\s*(b|kb|mb|gb)?$|^\\$\\{[^}]+\\}$';

/** Reports a problem from inside a transform (zod/mini's transforms have no `ctx.addIssue`). */
function fail(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
}

/**
 * A duration (`500ms`, `30s`, `5m`, `1h`, `1d`, `1m30s`; a bare number means
 * seconds) read as milliseconds. `positive` rejects zero, for deadlines.
 */
export function duration(options: { positive?: boolean } = {}) {
  const input = z.union([z.number(), meta(z.string(), { pattern: DURATION_PATTERN })], {
    error: `expected a duration (${DURATION_EXAMPLES})`,
  });
  const toMs = z.transform((value: number | string, ctx): number => {
    const negative = typeof value === 'number' ? value < 0 : value.trim().startsWith('-');
    const ms = parseDuration(negative && typeof value === 'string' ? value.trim().slice(1) : value);
    if (ms === undefined) return fail(ctx, `invalid duration "${String(value)}"; expected ${DURATION_EXAMPLES}`);
    if (negative && ms !== 0) return fail(ctx, 'must not be negative');
    if (options.positive === true && ms === 0) return fail(ctx, 'must be greater than 0');
    return ms;
  });
  return meta(z.pipe(input, toMs), { description: 'Duration such as 500ms, 30s, 5m, 1h or 1m30s; a bare number means seconds.' });
}

/** A byte size (`1mb`, `512kb`, or a number of bytes), read as bytes. */
export function byteSize() {
  const input = z.union([z.number(), meta(z.string(), { pattern: BYTE_SIZE_PATTERN })], {
    error: 'expected a size such as 1mb, 512kb or a number of bytes',
  });
  const toBytes = z.transform((value: number | string, ctx): number => {
    const bytes = parseByteSize(value);
    return bytes ?? fail(ctx, `invalid size "${String(value)}"; expected e.g. 1mb, 512kb or 1048576`);
  });
  return meta(z.pipe(input, toBytes), { description: 'Size such as 1mb or 512kb (1kb = 1024 bytes), or a number of bytes.' });
}

/** A whole number of at least 1. */
export const positiveInt = () => z.int().check(z.gte(1));

/** A number of at least 0. */
export const nonNegative = () => z.number().check(z.gte(0));

/** A number from 0 to 1. */
export const fraction = () => z.number().check(z.gte(0), z.lte(1));

/** A non-empty string. */
export const name = () => z.string().check(z.minLength(1));

/** A list of non-empty strings. */
export const nameList = () => z.array(name());

/** An HTTP status code. */
export const httpStatus = () => z.int().check(z.gte(100), z.lte(599));

/** Request and token quotas. */
export const quotaLimitsSchema = z.strictObject({
  rpm: z.optional(positiveInt()),
  tpm: z.optional(positiveInt()),
  rpd: z.optional(positiveInt()),
  tpd: z.optional(positiveInt()),
});

/** A map of string to string (headers, query parameters, secret values). */
export const stringMap = () => z.record(z.string(), z.string());

/** A free-form map passed through to a plugin. */
export const freeMap = () => z.record(z.string(), z.unknown());
