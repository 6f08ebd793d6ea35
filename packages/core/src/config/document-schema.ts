import * as z from 'zod/mini';
import { budgetSchema, originalBudgetSchema } from './budget-schema.js';
import type { MeshConfigDocument } from './mesh-config-document.js';
import { modelSchema } from './model-schema.js';
import { defaultsSchema } from './policy-schema.js';
import { poolSchema } from './pool-schema.js';
import { providerSchema } from './provider-schema.js';
import { proxySchema } from './proxy-schema.js';
import { deprecatedAlias, ignoredKey } from './schema-primitives.js';
import { capabilitiesSchema, middlewareSchema, observabilitySchema, secretsSchema, stateSchema } from './service-schemas.js';

// What each key means, for editors: schema-descriptions.ts (kept out of the runtime bundle).

/**
 * The whole document. The loader validates entry by entry with the same
 * schemas (so one broken entry does not hide the others); this composition
 * exists for the JSON Schema and to pin {@link MeshConfigDocument} to the schema.
 */
export const documentSchema = z.strictObject({
  $schema: z.optional(z.string()),
  providers: z.optional(z.record(z.string(), z.nullable(providerSchema))),
  models: z.optional(z.record(z.string(), modelSchema)),
  pools: z.optional(z.record(z.string(), z.nullable(poolSchema))),
  defaults: z.optional(defaultsSchema),
  budgets: z.optional(z.union([z.array(budgetSchema), z.record(z.string(), budgetSchema)])),
  capabilities: z.optional(capabilitiesSchema),
  secrets: z.optional(secretsSchema),
  state: z.optional(stateSchema),
  observability: z.optional(observabilitySchema),
  middleware: z.optional(middlewareSchema),
  proxy: z.optional(proxySchema),
  budget: deprecatedAlias(originalBudgetSchema, 'budgets'),
  storage: ignoredKey(),
  discovery: ignoredKey(),
  connectors: ignoredKey(),
});

/** Top-level keys, in schema order. */
export const TOP_LEVEL_KEYS: readonly string[] = Object.keys(documentSchema.shape);

/** Every key required, recursively: mutual assignability then also catches a key missing on one side. */
type Strict<T> = T extends readonly (infer Item)[]
  ? Strict<Item>[]
  : T extends object
    ? { [K in keyof T]-?: Strict<Exclude<T[K], undefined>> }
    : T;
type Same<A, B> = [Strict<A>] extends [Strict<B>] ? ([Strict<B>] extends [Strict<A>] ? true : false) : false;

// Compile-time guard: the hand-written, documented MeshConfigDocument must match the schema's input type.
const documentTypeMatchesSchema: Same<MeshConfigDocument, z.input<typeof documentSchema>> = true;
void documentTypeMatchesSchema;
