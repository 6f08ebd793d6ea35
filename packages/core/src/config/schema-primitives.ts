import * as z from 'zod';
import { parseByteSize } from './byte-size.js';
import { DURATION_EXAMPLES, parseDuration } from './duration.js';

/**
 * Output of a key the original ModelMesh documented but this router does not
 * use. The loader turns each one into a warning and drops it, so such files
 * still load (zod has no notion of warnings, hence the sentinel).
 */
export const IGNORED: unique symbol = Symbol.for('modelmesh.config.ignored');

/** A key accepted for compatibility with the original ModelMesh, then ignored with a warning. */
export function ignoredKey() {
  return z
    .unknown()
    .transform((): typeof IGNORED => IGNORED)
    .optional()
    .meta({ deprecated: true, description: 'Original ModelMesh key; accepted and ignored.' });
}

/**
 * A key that nothing acts on and no planned work will: setting it is an error that
 * says why, rather than an unknown-key error or, worse, silence. Its JSON Schema is
 * `not: {}`, so editors flag it too.
 */
export function unsupportedKey(reason: string) {
  return z
    .never({ error: `is not supported: ${reason}` })
    .optional()
    .meta({ description: `Not supported: ${reason}` });
}

/** Marks a key as the original ModelMesh spelling of another key, for the JSON Schema. */
export function deprecatedAlias<T extends z.ZodType>(schema: T, replacement: string) {
  return schema.optional().meta({ deprecated: true, description: `Deprecated; use ${replacement}.` });
}

/** Accepted string forms, for editors only: the loader gives better messages than a pattern would. */
const DURATION_PATTERN = '^(\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h|d))+\\s*$|^\\d+(\\.\\d+)?$|^\\$\\{[^}]+\\}$';
const BYTE_SIZE_PATTERN = '^\\d+(\\.\\d+)?\\s*(b|kb|mb|gb)?$|^\\$\\{[^}]+\\}$';

/**
 * A duration (`500ms`, `30s`, `5m`, `1h`, `1d`, `1m30s`; a bare number means
 * seconds) read as milliseconds. `positive` rejects zero, for deadlines.
 */
export function duration(options: { positive?: boolean } = {}) {
  return z
    .union([z.number(), z.string().meta({ pattern: DURATION_PATTERN })], {
      error: `expected a duration (${DURATION_EXAMPLES})`,
    })
    .transform((value, ctx): number => {
      const negative = typeof value === 'number' ? value < 0 : value.trim().startsWith('-');
      const ms = parseDuration(negative && typeof value === 'string' ? value.trim().slice(1) : value);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `invalid duration "${String(value)}"; expected ${DURATION_EXAMPLES}` });
        return z.NEVER;
      }
      if (negative && ms !== 0) {
        ctx.addIssue({ code: 'custom', message: 'must not be negative' });
        return z.NEVER;
      }
      if (options.positive === true && ms === 0) {
        ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
        return z.NEVER;
      }
      return ms;
    })
    .meta({ description: 'Duration such as 500ms, 30s, 5m, 1h or 1m30s; a bare number means seconds.' });
}

/** A byte size (`1mb`, `512kb`, or a number of bytes), read as bytes. */
export function byteSize() {
  return z
    .union([z.number(), z.string().meta({ pattern: BYTE_SIZE_PATTERN })], {
      error: 'expected a size such as 1mb, 512kb or a number of bytes',
    })
    .transform((value, ctx): number => {
      const bytes = parseByteSize(value);
      if (bytes === undefined) {
        ctx.addIssue({ code: 'custom', message: `invalid size "${String(value)}"; expected e.g. 1mb, 512kb or 1048576` });
        return z.NEVER;
      }
      return bytes;
    })
    .meta({ description: 'Size such as 1mb or 512kb (1kb = 1024 bytes), or a number of bytes.' });
}

/** A whole number of at least 1. */
export const positiveInt = () => z.int().min(1);

/** A number of at least 0. */
export const nonNegative = () => z.number().min(0);

/** A number from 0 to 1. */
export const fraction = () => z.number().min(0).max(1);

/** A non-empty string. */
export const name = () => z.string().min(1);

/** A list of non-empty strings. */
export const nameList = () => z.array(name());

/** An HTTP status code. */
export const httpStatus = () => z.int().min(100).max(599);

/** Request and token quotas. */
export const quotaLimitsSchema = z.strictObject({
  rpm: positiveInt().optional().meta({ description: 'Requests per minute.' }),
  tpm: positiveInt().optional().meta({ description: 'Tokens per minute.' }),
  rpd: positiveInt().optional().meta({ description: 'Requests per day.' }),
  tpd: positiveInt().optional().meta({ description: 'Tokens per day.' }),
});

/** A map of string to string (headers, query parameters, secret values). */
export const stringMap = () => z.record(z.string(), z.string());

/** A free-form map passed through to a plugin. */
export const freeMap = () => z.record(z.string(), z.unknown());
