/**
 * Key names under the configured prefix. The `{...}` parts are Redis Cluster hash tags:
 * every counter shares the tag `{counters}` because one reservation raises several counters
 * atomically in one script, which Cluster allows only within one slot; health and values are
 * tagged per model or key, so they spread over the cluster.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  /** Changes to a counter since Redis last started empty. */
  counter(key: string): string {
    return `${this.prefix}{counters}:n:${key}`;
  }

  /** What a counter held before Redis restarted empty, as the processes remembered it. */
  counterBase(key: string): string {
    return `${this.prefix}{counters}:b:${key}`;
  }

  /** A random id set when Redis holds no counters yet: a new one means Redis lost its data. */
  get epoch(): string {
    return `${this.prefix}{counters}:epoch`;
  }

  health(modelKey: string): string {
    return `${this.prefix}health:{${modelKey}}`;
  }

  value(key: string): string {
    return `${this.prefix}value:{${key}}`;
  }

  /** A response cache entry (`@modelmesh/middleware-cache` with `store: redis`). */
  cache(key: string): string {
    return `${this.prefix}cache:{${key}}`;
  }

  /** The pub/sub channel of health changes. */
  get healthChannel(): string {
    return `${this.prefix}health-changes`;
  }
}
