import * as z from 'zod';
import { budgetSchema, originalBudgetSchema } from './budget-schema.js';
import type { MeshConfigDocument } from './mesh-config-document.js';
import { modelSchema } from './model-schema.js';
import { defaultsSchema } from './policy-schema.js';
import { poolSchema } from './pool-schema.js';
import { providerSchema } from './provider-schema.js';
import { proxySchema } from './proxy-schema.js';
import { deprecatedAlias, ignoredKey } from './schema-primitives.js';
import { capabilitiesSchema, middlewareSchema, observabilitySchema, secretsSchema, stateSchema } from './service-schemas.js';

/**
 * The whole document. The loader validates entry by entry with the same
 * schemas (so one broken entry does not hide the others); this composition
 * exists for the JSON Schema and to pin {@link MeshConfigDocument} to the schema.
 */
export const documentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    providers: z.record(z.string(), providerSchema.nullable()).optional(),
    models: z.record(z.string(), modelSchema).optional(),
    pools: z.record(z.string(), poolSchema.nullable()).optional(),
    defaults: defaultsSchema.optional().meta({ description: 'Policies applied to every pool before its own keys.' }),
    budgets: z.union([z.array(budgetSchema), z.record(z.string(), budgetSchema)]).optional(),
    capabilities: capabilitiesSchema.optional(),
    secrets: secretsSchema.optional(),
    state: stateSchema.optional(),
    observability: observabilitySchema.optional(),
    middleware: middlewareSchema.optional(),
    proxy: proxySchema.optional(),
    budget: deprecatedAlias(originalBudgetSchema, 'budgets'),
    storage: ignoredKey(),
    discovery: ignoredKey(),
    connectors: ignoredKey(),
  })
  .meta({ title: 'ModelMesh configuration' });

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
