import type { BudgetLimitType } from '@modelmesh/provider';
import { didYouMean } from './closest-match.js';
import type { ConfigPath } from './config-path.js';
import type { BudgetConfig, BudgetScope } from './mesh-config.js';
import { type BudgetEntry, budgetSchema, originalBudgetSchema } from './budget-schema.js';
import { originalBudgets } from './original-budgets.js';
import { parseEntry, parseEntryPartially } from './parse-entry.js';
import type { ResolveContext } from './resolve-context.js';
import type { ProviderIndex } from './resolve-providers.js';
import type { PlacedBudget } from './placed-budget.js';

export type { PlacedBudget } from './placed-budget.js';

/** What budget scopes may point at. */
export interface BudgetReferences {
  pools: ReadonlySet<string>;
  models: ReadonlySet<string>;
  providers: ProviderIndex;
}

const SCOPE = /^(pool|provider|model|key):(.+)$/;
const SCOPE_FORMS = 'global, pool:<name>, provider:<id>, model:<key> or key:<name>';

function resolveScope(written: string | undefined, path: ConfigPath, refs: BudgetReferences, context: ResolveContext): BudgetScope | undefined {
  if (written === undefined || written === 'global') return 'global';
  const match = SCOPE.exec(written);
  const kind = match?.[1];
  const target = match?.[2] ?? '';
  const at = [...path, 'scope'];
  if (kind === 'pool' && !refs.pools.has(target)) {
    context.issues.error(at, `scope names unknown pool "${target}"${didYouMean(target, refs.pools)}`);
  } else if (kind === 'model' && !refs.models.has(target)) {
    context.issues.error(at, `scope names unknown model "${target}"${didYouMean(target, refs.models)}`);
  } else if (kind === 'provider') {
    const id = refs.providers.resolve(target, at);
    return id === undefined ? undefined : `provider:${id}`;
  } else if (kind === 'pool' || kind === 'model' || kind === 'key') {
    return written as BudgetScope;
  } else {
    context.issues.error(at, `invalid scope "${written}"; expected ${SCOPE_FORMS}`);
  }
  return undefined;
}

const UNIT_TYPES: Readonly<Record<string, BudgetLimitType>> = { usd: 'cost', tokens: 'tokens', requests: 'requests' };

/** The one limit a budget sets; several or none is an error. */
function resolveLimit(entry: Partial<BudgetEntry>, path: ConfigPath, context: ResolveContext): { limitType: BudgetLimitType; limit: number } | undefined {
  const set: [string, BudgetLimitType, number][] = [];
  if (entry.limit_usd !== undefined) set.push(['limit_usd', 'cost', entry.limit_usd]);
  if (entry.limit_tokens !== undefined) set.push(['limit_tokens', 'tokens', entry.limit_tokens]);
  if (entry.limit_requests !== undefined) set.push(['limit_requests', 'requests', entry.limit_requests]);
  if (entry.limit !== undefined) {
    if (entry.unit === undefined) {
      context.issues.error([...path, 'unit'], 'is required with limit: usd, tokens or requests');
      return undefined;
    }
    set.push(['limit', UNIT_TYPES[entry.unit] ?? 'cost', entry.limit]);
  } else if (entry.unit !== undefined) {
    context.issues.error([...path, 'limit'], 'is required with unit');
    return undefined;
  }
  const [only, second] = set;
  if (only === undefined) {
    context.issues.error(path, 'sets no limit; set one of limit_usd, limit_tokens, limit_requests (or limit with unit)');
    return undefined;
  }
  if (second !== undefined) {
    context.issues.error([...path, second[0]], `sets several limits (${set.map(([key]) => key).join(', ')}); set exactly one`);
    return undefined;
  }
  return { limitType: only[1], limit: only[2] };
}

/**
 * A budget from its parsed entry (also used for proxy keys' `budget`), or
 * undefined after reporting. `scope` overrides the entry's own.
 */
export function toBudget(name: string, entry: Partial<BudgetEntry>, path: ConfigPath, scope: BudgetScope | undefined, context: ResolveContext): BudgetConfig | undefined {
  const limit = resolveLimit(entry, path, context);
  if (limit === undefined || scope === undefined) return undefined;
  return {
    name,
    scope,
    period: entry.period ?? 'day',
    ...limit,
    alertThreshold: entry.alert_threshold ?? 0.8,
    action: entry.action ?? 'error',
  };
}

/** The entries of `budgets`, which may be a list or a map of name to budget. */
function budgetEntries(raw: unknown): [string | undefined, unknown, ConfigPath][] {
  if (Array.isArray(raw)) return raw.map((item, i) => [undefined, item, ['budgets', i]]);
  return Object.entries(raw as Record<string, unknown>).map(([key, item]) => [key, item, ['budgets', key]]);
}

/** Reports budgets whose name was already used; names key usage reports, so they must be unique. */
export function checkBudgetNames(budgets: readonly PlacedBudget[], context: ResolveContext): void {
  const seen = new Set<string>();
  for (const { budget, path } of budgets) {
    if (seen.has(budget.name)) context.issues.error(path, `duplicate budget name "${budget.name}"`);
    seen.add(budget.name);
  }
}

/** Validates `budgets` and converts the original top-level `budget` block. */
export function resolveBudgets(raw: unknown, original: unknown, refs: BudgetReferences, context: ResolveContext): PlacedBudget[] {
  const budgets: PlacedBudget[] = [];
  for (const [index, [key, item, path]] of (raw === undefined ? [] : budgetEntries(raw)).entries()) {
    const parsed = parseEntryPartially(budgetSchema, item ?? {}, path, context);
    if (parsed === undefined) continue;
    const { entry, complete } = parsed;
    const scope = resolveScope(entry.scope, path, refs, context);
    // A limit that failed validation would look like a missing limit; it is already reported.
    if (!complete) continue;
    const budget = toBudget(entry.name ?? key ?? `budget-${index + 1}`, entry, path, scope, context);
    if (budget !== undefined) budgets.push({ budget, path });
  }
  if (original !== undefined) {
    const entry = parseEntry(originalBudgetSchema, original ?? {}, ['budget'], context);
    context.issues.deprecated(['budget'], 'budgets');
    for (const budget of entry === undefined ? [] : originalBudgets(entry, 'global', 'global')) budgets.push({ budget, path: ['budget'] });
  }
  return budgets;
}
