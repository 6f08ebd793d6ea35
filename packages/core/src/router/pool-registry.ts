import { RoutingError } from '@modelmesh/provider';
import type { StrategyMemory } from '../strategies/strategy.js';
import type { MeshModel, PoolDefinition, PoolPolicy } from './mesh-model.js';

/** The part of the capability registry the router needs. */
export interface CapabilityLookup {
  /** Canonical path of a name, alias or path; throws for unknown names. */
  resolve(name: string): string;
  isKnown(name: string): boolean;
  /** True when `path` is `node` or below it. */
  isWithin(path: string, node: string): boolean;
}

/** A pool with its members resolved, in pool order. */
export interface ResolvedPool {
  readonly definition: PoolDefinition;
  readonly members: readonly MeshModel[];
  /** True when the pool was built on demand from a capability name. */
  readonly onDemand: boolean;
}

const NO_MEMORY: StrategyMemory = Object.freeze({});

/**
 * Turns a virtual model name into a pool: first by pool name, then by capability alias or
 * path (reusing a configured pool for that capability, or building one on demand from every
 * model whose capabilities fall within the node). It also keeps each pool's strategy memory.
 */
export class PoolRegistry {
  private readonly resolved = new Map<string, ResolvedPool>();
  private readonly memories = new Map<string, StrategyMemory>();

  private memoryListener: ((poolName: string, memory: StrategyMemory) => void) | undefined;

  constructor(
    private readonly pools: ReadonlyMap<string, PoolDefinition>,
    private readonly models: ReadonlyMap<string, MeshModel>,
    private readonly capabilities: CapabilityLookup,
    private readonly defaultPolicy: PoolPolicy,
    private readonly defaultStrategy: PoolDefinition['strategy'] = { name: 'stick-until-failure', options: {} },
  ) {}

  /**
   * The virtual models to list: configured pools, then pools built on demand so far; with
   * no configured pool, the capability names the models serve (each one routable).
   */
  names(): string[] {
    const names = [...this.pools.keys()];
    for (const pool of this.resolved.values()) if (pool.onDemand && !names.includes(pool.definition.name)) names.push(pool.definition.name);
    if (this.pools.size > 0) return names;
    for (const model of this.models.values()) {
      for (const path of model.capabilities) {
        const alias = path.slice(path.lastIndexOf('.') + 1);
        if (!names.includes(alias) && this.capabilities.isKnown(alias) && this.capabilities.resolve(alias) === path) names.push(alias);
      }
    }
    return names;
  }

  /** Resolves a virtual model name; throws a RoutingError listing what exists. */
  get(name: string): ResolvedPool {
    const cached = this.resolved.get(name);
    if (cached) return cached;
    const pool = this.lookup(name);
    this.resolved.set(name, pool);
    return pool;
  }

  /** Like {@link PoolRegistry.get} but returns undefined for unknown names. */
  find(name: string): ResolvedPool | undefined {
    try {
      return this.get(name);
    } catch (error) {
      if (RoutingError.isInstance(error)) return undefined;
      throw error;
    }
  }

  /** What the pool's strategy remembers between requests (e.g. stick-until-failure's current model). */
  strategyMemory(poolName: string): StrategyMemory {
    return this.memories.get(poolName) ?? NO_MEMORY;
  }

  /** Keeps the memory a strategy returned, for the pool's next request. */
  rememberStrategy(poolName: string, memory: StrategyMemory): void {
    this.memories.set(poolName, memory);
    this.memoryListener?.(poolName, memory);
  }

  /** Called after each strategy memory change (state sharing uses it); one listener. */
  onStrategyMemory(listener: (poolName: string, memory: StrategyMemory) => void): void {
    this.memoryListener = listener;
  }

  private lookup(name: string): ResolvedPool {
    const configured = this.pools.get(name);
    if (configured) return { definition: configured, members: this.membersOf(configured), onDemand: false };
    if (!this.capabilities.isKnown(name)) {
      throw new RoutingError({
        message: `Unknown model "${name}": no pool or capability has that name. Available: ${this.names().join(', ') || '(none)'}; or name a capability such as "chat-completion".`,
        details: { model: name, pools: this.names() },
      });
    }
    const node = this.capabilities.resolve(name);
    for (const definition of this.pools.values()) {
      if (definition.capability === node) return { definition, members: this.membersOf(definition), onDemand: false };
    }
    const definition: PoolDefinition = { name, capability: node, strategy: this.defaultStrategy, policy: this.defaultPolicy };
    const members = this.membersOf(definition);
    if (members.length === 0) {
      throw new RoutingError({
        poolName: name,
        message: `No model serves capability "${node}". Configured models: ${[...this.models.keys()].join(', ') || '(none)'}.`,
        details: { model: name, capability: node },
      });
    }
    return { definition, members, onDemand: true };
  }

  private membersOf(definition: PoolDefinition): MeshModel[] {
    const members: MeshModel[] = [];
    const seen = new Set<string>();
    const add = (model: MeshModel | undefined) => {
      if (!model || seen.has(model.key)) return;
      if (definition.providers && !definition.providers.includes(model.providerId)) return;
      if (definition.excludedProviders?.includes(model.providerId)) return;
      seen.add(model.key);
      members.push(model);
    };
    for (const key of definition.models ?? []) add(this.models.get(key));
    const node = definition.capability;
    if (node !== undefined) {
      for (const model of this.models.values()) {
        if (model.capabilities.some((path) => this.capabilities.isWithin(path, node))) add(model);
      }
    }
    return members;
  }
}
