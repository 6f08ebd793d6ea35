import type { CompletionUsage } from '@modelmesh/provider';
import type { BudgetWindowStatus } from './spend-guard.js';

/** Totals for one model, provider or pool. */
export interface UsageTotals {
  /** USD. */
  totalCost: number;
  totalTokens: number;
  promptTokens: number;
  completionTokens: number;
  /** Successful requests. */
  requests: number;
}

/** One finished request, as the tracker records it. */
export interface UsageRecord {
  modelKey: string;
  providerId: string;
  poolName: string;
  usage: CompletionUsage | undefined;
  cost: number;
}

/** Budgets at a glance, as `usage.budgetStatus` reports them. */
export interface BudgetOverview {
  /** Some budget is exceeded (reached, or refused a request) in its current window. */
  exceeded: boolean;
  /** Some budget has reached its alert threshold. */
  alert: boolean;
  /** Each budget in its current window, by name. */
  budgets: Record<string, BudgetWindowStatus>;
}

const emptyTotals = (): UsageTotals => ({ totalCost: 0, totalTokens: 0, promptTokens: 0, completionTokens: 0, requests: 0 });

/** A provider's garbled usage (a string, NaN, a negative count) counts as nothing rather than poisoning a total. */
const amount = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);

function add(totals: UsageTotals, record: UsageRecord, answered = true): void {
  const prompt = amount(record.usage?.prompt_tokens);
  const completion = amount(record.usage?.completion_tokens);
  totals.totalCost += amount(record.cost);
  totals.promptTokens += prompt;
  totals.completionTokens += completion;
  totals.totalTokens += record.usage?.total_tokens === undefined ? prompt + completion : amount(record.usage.total_tokens);
  if (answered) totals.requests++;
}

/**
 * Usage and cost of a mesh client (`client.usage`). Only answered requests are billed;
 * failed attempts count in `failedRequests` and cost nothing.
 */
export class UsageTracker {
  private totals = emptyTotals();
  private failed = 0;
  private hits = 0;
  private poolHits = new Map<string, number>();
  private models = new Map<string, UsageTotals>();
  private providers = new Map<string, UsageTotals>();
  private pools = new Map<string, UsageTotals>();

  constructor(private readonly budgets: () => BudgetWindowStatus[] = () => []) {}

  /** Records an answered request. */
  record(record: UsageRecord): void {
    add(this.totals, record);
    add(getOrCreate(this.models, record.modelKey), record);
    add(getOrCreate(this.providers, record.providerId), record);
    add(getOrCreate(this.pools, record.poolName), record);
  }

  /**
   * Records what a model used for part of an answer: a stream that broke after content and was
   * recovered on another model. Its tokens and cost count for that model; the request counts once,
   * for the model that finished it.
   */
  recordPart(record: UsageRecord): void {
    add(this.totals, record, false);
    add(getOrCreate(this.models, record.modelKey), record, false);
    add(getOrCreate(this.providers, record.providerId), record, false);
    add(getOrCreate(this.pools, record.poolName), record, false);
  }

  /** Records a request answered from a cache: it costs nothing and uses no tokens. */
  recordCacheHit(poolName: string): void {
    this.hits++;
    this.poolHits.set(poolName, (this.poolHits.get(poolName) ?? 0) + 1);
  }

  /** Requests answered from a cache (they are not in `requests`, tokens or cost). */
  get cacheHits(): number {
    return this.hits;
  }

  /** Cache hits by pool. */
  get cacheHitsByPool(): Record<string, number> {
    return Object.fromEntries(this.poolHits);
  }

  /** Records a request that got no answer. */
  recordFailure(): void {
    this.failed++;
  }

  /** Total USD cost. */
  get totalCost(): number {
    return this.totals.totalCost;
  }
  get totalTokens(): number {
    return this.totals.totalTokens;
  }
  get promptTokens(): number {
    return this.totals.promptTokens;
  }
  get completionTokens(): number {
    return this.totals.completionTokens;
  }
  /** Answered requests plus failed ones. */
  get totalRequests(): number {
    return this.totals.requests + this.failed;
  }
  get failedRequests(): number {
    return this.failed;
  }
  /** Totals per model key. */
  get byModel(): Record<string, UsageTotals> {
    return snapshot(this.models);
  }
  /** Totals per provider instance. */
  get byProvider(): Record<string, UsageTotals> {
    return snapshot(this.providers);
  }
  /** Totals per pool. */
  get byPool(): Record<string, UsageTotals> {
    return snapshot(this.pools);
  }
  /** Budgets in their current windows; null when none is configured. */
  get budgetStatus(): BudgetOverview | null {
    const budgets = this.budgets();
    if (budgets.length === 0) return null;
    return {
      exceeded: budgets.some((b) => b.exceeded),
      alert: budgets.some((b) => b.alert),
      budgets: Object.fromEntries(budgets.map((b) => [b.name, b])),
    };
  }

  /** A readable table of the totals per model. */
  summary(): string {
    const rows = [...this.models.entries()].map(([key, t]) => [key, String(t.requests), String(t.totalTokens), `$${t.totalCost.toFixed(6)}`]);
    rows.push(['total', String(this.totals.requests), String(this.totals.totalTokens), `$${this.totals.totalCost.toFixed(6)}`]);
    const header = ['model', 'requests', 'tokens', 'cost'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
    const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
    if (this.failed > 0) out.push(`failed requests: ${this.failed}`);
    for (const b of this.budgets()) {
      const money = (n: number) => (b.limitType === 'cost' ? `$${n.toFixed(4)}` : String(Math.round(n)));
      const flag = b.exceeded ? '  EXCEEDED' : b.alert ? '  alert' : '';
      out.push(`budget ${b.name} (${b.scope}, per ${b.period}): ${money(b.used)} of ${money(b.limit)}${flag}`);
    }
    return out.join('\n');
  }

  /**
   * Continues from `previous` (a config reload): the grand totals keep everything spent, the
   * per-model, per-provider and per-pool totals keep those `kept` still names.
   */
  adopt(previous: UsageTracker, kept: { readonly models: ReadonlySet<string>; readonly providers: ReadonlySet<string>; readonly pools: ReadonlySet<string> }): void {
    this.totals = { ...previous.totals };
    this.failed = previous.failed;
    const copy = (from: Map<string, UsageTotals>, keep: ReadonlySet<string>) => new Map([...from].filter(([key]) => keep.has(key)).map(([key, totals]) => [key, { ...totals }]));
    this.models = copy(previous.models, kept.models);
    this.providers = copy(previous.providers, kept.providers);
    this.pools = copy(previous.pools, kept.pools);
  }

  /** Clears every total. */
  reset(): void {
    this.totals = emptyTotals();
    this.failed = 0;
    this.hits = 0;
    this.poolHits = new Map();
    this.models = new Map();
    this.providers = new Map();
    this.pools = new Map();
  }
}

function getOrCreate(map: Map<string, UsageTotals>, key: string): UsageTotals {
  let totals = map.get(key);
  if (!totals) map.set(key, (totals = emptyTotals()));
  return totals;
}

function snapshot(map: Map<string, UsageTotals>): Record<string, UsageTotals> {
  return Object.fromEntries([...map.entries()].map(([key, totals]) => [key, { ...totals }]));
}
