import * as z from 'zod';
import { budgetLimitFields } from './budget-schema.js';
import { byteSize, deprecatedAlias, duration, ignoredKey, name, nameList, positiveInt } from './schema-primitives.js';

const proxyKeySchema = z.strictObject({
  name: name(),
  key: z.string().min(1).optional().meta({ description: 'The bearer key; prefer ${ENV_VAR} or key_sha256.' }),
  key_sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: 'expected 64 hexadecimal characters' })
    .optional()
    .meta({ description: 'Hex SHA-256 of the key.' }),
  pools: nameList().optional(),
  rpm: positiveInt().optional(),
  budget: z.strictObject(budgetLimitFields).optional().meta({ description: 'A budget for this key (scope key:<name>).' }),
});

const adminKeySchema = z.strictObject({
  name: name(),
  key: z.string().min(1).optional().meta({ description: 'The admin bearer key; prefer ${ENV_VAR} or key_sha256.' }),
  key_sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: 'expected 64 hexadecimal characters' })
    .optional()
    .meta({ description: 'Hex SHA-256 of the admin key.' }),
});

/** A parsed admin key. */
export type AdminKeyEntry = z.output<typeof adminKeySchema>;

/** A parsed proxy key. */
export type ProxyKeyEntry = z.output<typeof proxyKeySchema>;

/** `proxy`. */
export const proxySchema = z.strictObject({
  host: name().optional(),
  port: z.int().min(0).max(65535).optional(),
  auth: z
    .strictObject({
      keys: z.array(proxyKeySchema).optional(),
      tokens: deprecatedAlias(z.array(z.string().min(1)), 'auth.keys'),
      method: ignoredKey(),
      enabled: ignoredKey(),
    })
    .optional(),
  admin: z
    .strictObject({ keys: z.array(adminKeySchema).optional().meta({ description: 'Keys of the admin API and the status page, separate from client keys; none: loopback clients only.' }) })
    .optional(),
  cors: z.strictObject({ origins: nameList().optional(), enabled: ignoredKey() }).optional(),
  limits: z
    .strictObject({
      body_size: byteSize().optional(),
      header_timeout: duration({ positive: true }).optional(),
      request_timeout: duration({ positive: true }).optional(),
      max_concurrent: positiveInt().optional(),
      max_connections: positiveInt().optional(),
    })
    .optional(),
  shutdown_grace: duration().optional(),
  endpoints: ignoredKey(),
});

/** A parsed `proxy` section. */
export type ProxyEntry = z.output<typeof proxySchema>;
