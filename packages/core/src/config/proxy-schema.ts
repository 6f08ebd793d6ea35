import * as z from 'zod/mini';
import { budgetLimitFields } from './budget-schema.js';
import { byteSize, deprecatedAlias, described, duration, ignoredKey, name, nameList, positiveInt } from './schema-primitives.js';

/** A key given as its hex SHA-256. */
const sha256 = () => z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, { error: 'expected 64 hexadecimal characters' }));

const proxyKeySchema = z.strictObject({
  name: name(),
  key: described(z.string().check(z.minLength(1)), 'The bearer key; prefer ${ENV_VAR} or key_sha256.'),
  key_sha256: described(sha256(), 'Hex SHA-256 of the key.'),
  pools: z.optional(nameList()),
  rpm: z.optional(positiveInt()),
  budget: described(z.strictObject(budgetLimitFields), 'A budget for this key (scope key:<name>).'),
});

const adminKeySchema = z.strictObject({
  name: name(),
  key: described(z.string().check(z.minLength(1)), 'The admin bearer key; prefer ${ENV_VAR} or key_sha256.'),
  key_sha256: described(sha256(), 'Hex SHA-256 of the admin key.'),
});

/** A parsed admin key. */
export type AdminKeyEntry = z.output<typeof adminKeySchema>;

/** A parsed proxy key. */
export type ProxyKeyEntry = z.output<typeof proxyKeySchema>;

/** `proxy`. */
export const proxySchema = z.strictObject({
  host: z.optional(name()),
  port: z.optional(z.int().check(z.gte(0), z.lte(65535))),
  auth: z.optional(
    z.strictObject({
      keys: z.optional(z.array(proxyKeySchema)),
      tokens: deprecatedAlias(z.array(z.string().check(z.minLength(1))), 'auth.keys'),
      method: ignoredKey(),
      enabled: ignoredKey(),
    }),
  ),
  admin: z.optional(
    z.strictObject({ keys: described(z.array(adminKeySchema), 'Keys of the admin API and the status page, separate from client keys; none: loopback clients only.') }),
  ),
  cors: z.optional(z.strictObject({ origins: z.optional(nameList()), enabled: ignoredKey() })),
  limits: z.optional(
    z.strictObject({
      body_size: z.optional(byteSize()),
      header_timeout: z.optional(duration({ positive: true })),
      request_timeout: z.optional(duration({ positive: true })),
      max_concurrent: z.optional(positiveInt()),
      max_connections: z.optional(positiveInt()),
    }),
  ),
  shutdown_grace: z.optional(duration()),
  endpoints: ignoredKey(),
});

/** A parsed `proxy` section. */
export type ProxyEntry = z.output<typeof proxySchema>;
