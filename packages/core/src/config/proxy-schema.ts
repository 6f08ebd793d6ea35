import * as z from 'zod/mini';
import { budgetLimitFields } from './budget-schema.js';
import { byteSize, deprecatedAlias, duration, ignoredKey, name, nameList, positiveInt } from './schema-primitives.js';

// What each key means, for editors: schema-descriptions.ts (kept out of the runtime bundle).

/** A key given as its hex SHA-256. */
const sha256 = () => z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, { error: 'expected 64 hexadecimal characters' }));

/** `proxy.auth.keys[]`. */
export const proxyKeySchema = z.strictObject({
  name: name(),
  key: z.optional(z.string().check(z.minLength(1))),
  key_sha256: z.optional(sha256()),
  pools: z.optional(nameList()),
  rpm: z.optional(positiveInt()),
  budget: z.optional(z.strictObject(budgetLimitFields)),
});

/** `proxy.admin.keys[]`. */
export const adminKeySchema = z.strictObject({
  name: name(),
  key: z.optional(z.string().check(z.minLength(1))),
  key_sha256: z.optional(sha256()),
});

/** `proxy.admin`: the admin API and status page. */
export const proxyAdminSchema = z.strictObject({ keys: z.optional(z.array(adminKeySchema)) });

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
  admin: z.optional(proxyAdminSchema),
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
