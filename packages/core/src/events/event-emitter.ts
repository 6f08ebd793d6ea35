import type { MeshEventHandler, MeshEventMap, MeshEventName } from './mesh-events.js';

/**
 * A small typed emitter. A listener that throws does not break the request: the error is
 * handed to `onListenerError` (by default `console.error`).
 */
export class MeshEventEmitter {
  private readonly handlers = new Map<MeshEventName, Set<(event: never) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error('[modelmesh] event listener failed:', error)) {}

  /** Subscribes; returns a function that unsubscribes. */
  on<E extends MeshEventName>(name: E, handler: MeshEventHandler<E>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as (event: never) => void);
    return () => this.off(name, handler);
  }

  /** Unsubscribes. */
  off<E extends MeshEventName>(name: E, handler: MeshEventHandler<E>): void {
    this.handlers.get(name)?.delete(handler as (event: never) => void);
  }

  /** True when someone listens to `name`; lets callers skip building event objects. */
  has(name: MeshEventName): boolean {
    return (this.handlers.get(name)?.size ?? 0) > 0;
  }

  emit<E extends MeshEventName>(name: E, event: MeshEventMap[E]): void {
    const set = this.handlers.get(name);
    if (!set) return;
    for (const handler of set) {
      try {
        (handler as MeshEventHandler<E>)(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /**
   * Runs a caller's callback (a per-request `onRouted`/`onCompleted`) like a listener: if it
   * throws, the error goes to `onListenerError` and the request carries on. Takes the event
   * as an argument rather than a closure over it: one closure less per request.
   */
  guard<T>(callback: (event: T) => void, event: T): void {
    try {
      callback(event);
    } catch (error) {
      this.onListenerError(error);
    }
  }

  /** Drops every listener. */
  clear(): void {
    this.handlers.clear();
  }
}
